/** Stopping the stack failed for some parts; each one is named in the message, the others were stopped. */
export class LocalStackStopError extends AggregateError {
  constructor(failures: Error[]) {
    super(failures, `The local stack did not stop cleanly: ${failures.map(failure => failure.message).join('; ')}`);
    this.name = 'LocalStackStopError';
  }
}

/** What the stack has started so far, so that a failure later, or `stop()`, closes exactly that. */
export class StartedParts {
  private readonly parts: Array<{ name: string; close: () => Promise<void> }> = [];

  add(name: string, close: () => Promise<void>): void {
    this.parts.push({ name, close });
  }

  /**
   * Closes every part, the last started first (a part may call one started before it: the endpoint's authorizer
   * fetches the provider's keys), and each only once. Every part is tried even when one fails.
   * @throws LocalStackStopError naming the parts that failed to close.
   */
  async closeAll(): Promise<void> {
    const failures: Error[] = [];
    for (const part of this.parts.splice(0).reverse()) {
      try {
        await part.close();
      } catch (error) {
        failures.push(
          new Error(`${part.name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error }),
        );
      }
    }
    if (failures.length > 0) throw new LocalStackStopError(failures);
  }
}
