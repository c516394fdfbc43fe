/**
 * Runs `work` on every item of an (async) iterable with at most `concurrency` calls in flight, pulling items only
 * as workers free up, so a stream of 100 000 items is never held at once. The first failure stops the pulling and
 * rejects; calls already running finish first.
 */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const iterator =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : (items as Iterable<T>)[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  // One pull at a time: async generators must not be asked for two items at once.
  let pulling: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<T>> => {
    const result = pulling.then(() => iterator.next());
    pulling = result.catch(() => undefined);
    return result;
  };
  const worker = async (): Promise<void> => {
    while (failure === undefined) {
      const item = await next();
      if (item.done) return;
      try {
        await work(item.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, () => worker().catch((error: unknown) => void (failure ??= { error }))),
  );
  if (failure !== undefined) {
    await iterator.return?.();
    throw failure.error;
  }
}
