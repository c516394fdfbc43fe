import { forEachConcurrently } from './forEachConcurrently';

async function* numbers(count: number, pulled: number[]) {
  for (let value = 0; value < count; value += 1) {
    pulled.push(value);
    yield value;
  }
}

test('never runs more than the limit at once and pulls items only as workers free up', async () => {
  const pulled: number[] = [];
  let running = 0;
  let most = 0;
  const done: number[] = [];
  await forEachConcurrently(numbers(20, pulled), 3, async value => {
    running += 1;
    most = Math.max(most, running);
    // At most one item waits pulled but unstarted per free worker: the stream is not read ahead.
    expect(pulled.length - done.length).toBeLessThanOrEqual(3);
    await new Promise(resolve => setTimeout(resolve, value % 4));
    running -= 1;
    done.push(value);
  });
  expect(most).toBe(3);
  expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
});

test('the first failure stops pulling and rejects with it', async () => {
  const pulled: number[] = [];
  const failure = forEachConcurrently(numbers(100, pulled), 2, async value => {
    await new Promise(resolve => setTimeout(resolve, 1));
    if (value === 5) throw new Error('refused');
  });
  await expect(failure).rejects.toThrow('refused');
  expect(pulled.length).toBeLessThan(10);
});

test('refuses a concurrency that is not a whole number of at least 1', async () => {
  await expect(forEachConcurrently([1], 0, async () => undefined)).rejects.toThrow(
    'concurrency must be a whole number ≥ 1, got 0',
  );
});
