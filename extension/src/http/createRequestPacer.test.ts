import { FakeClock } from '../testing/FakeClock';
import { createRequestPacer, type RequestPacer } from './createRequestPacer';
import type { RequestPriority } from './requestPriority';

/** Starts takes at once (one per priority given) and records the order and time each one was let through. */
async function release(pacer: RequestPacer, clock: FakeClock, priorities: RequestPriority[], untilMs: number) {
  const start = clock.now();
  const released: Array<{ index: number; at: number }> = [];
  const takes = priorities.map((priority, index) =>
    pacer.take(priority, `request-${index}`).then(() => released.push({ index, at: clock.now() - start })),
  );
  await clock.advance(untilMs);
  await Promise.all(takes);
  return released;
}

const times = (released: Array<{ at: number }>) => released.map(({ at }) => at);
const prefetches = (count: number): RequestPriority[] => Array.from({ length: count }, () => 'prefetch');

describe('createRequestPacer', () => {
  it('lets the burst through at once, then one request per 1/rate seconds, in order', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 3 }, clock });
    const released = await release(pacer, clock, prefetches(6), 400);
    expect(times(released)).toEqual([0, 0, 0, 100, 200, 300]);
    expect(released.map(({ index }) => index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refills while idle, up to the burst', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 2 }, clock });
    await pacer.take('prefetch', 'a');
    await pacer.take('prefetch', 'b');
    await clock.advance(10_000);
    expect(times(await release(pacer, clock, prefetches(3), 200))).toEqual([0, 0, 100]);
  });

  it('sends what the reader looks at before thumbnails, and thumbnails before prefetch, whatever the arrival order', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 1 }, clock });
    const released = await release(
      pacer,
      clock,
      ['prefetch', 'prefetch', 'thumbnail', 'prefetch', 'interaction', 'interaction'],
      600,
    );
    // The first goes at once (the bucket held one); then the waiting ones by priority, each class in arrival order.
    expect(released.map(({ index }) => index)).toEqual([0, 4, 5, 2, 1, 3]);
  });

  it('moves a waiting prefetch ahead when the reader asks for the same frame', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 1 }, clock });
    const order: string[] = [];
    const takes = ['a', 'b', 'c', 'd'].map(key => pacer.take('prefetch', key).then(() => order.push(key)));
    pacer.promote('d', 'interaction');
    await clock.advance(400);
    await Promise.all(takes);
    expect(order).toEqual(['a', 'd', 'b', 'c']);
  });

  it('halves its way down on throttling, once per interval, and climbs back additively to the limit, never above', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({
      limit: { requestsPerSecond: 50, burst: 100 },
      clock,
      adaptation: { decreaseFactor: 0.5, increasePerSecond: 5 },
    });
    pacer.throttled();
    pacer.throttled(); // the same overload: no second decrease within the interval
    expect(pacer.requestsPerSecond).toBe(25);
    await clock.advance(1000);
    pacer.throttled();
    expect(pacer.requestsPerSecond).toBe(12.5);
    await clock.advance(1000); // the second after a decrease gains nothing
    await clock.advance(2000);
    expect(pacer.requestsPerSecond).toBeCloseTo(22.5);
    await clock.advance(60_000);
    expect(pacer.requestsPerSecond).toBe(50);
  });

  it('spends no burst after a throttled answer: the next requests go at the lowered rate', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({
      limit: { requestsPerSecond: 20, burst: 40 },
      clock,
      adaptation: { decreaseFactor: 0.5 },
    });
    pacer.throttled();
    expect(times(await release(pacer, clock, prefetches(3), 400))).toEqual([100, 200, 300]);
  });

  it('sends nothing until Retry-After has passed', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 5 }, clock });
    pacer.throttled(2000);
    const released = times(await release(pacer, clock, prefetches(2), 3000));
    expect(Math.min(...released)).toBeGreaterThanOrEqual(2000);
  });

  it('never goes below the minimum rate', () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({
      limit: { requestsPerSecond: 50, burst: 100 },
      clock,
      adaptation: { decreaseIntervalMs: 0 },
    });
    for (let i = 0; i < 100; i++) pacer.throttled();
    expect(pacer.requestsPerSecond).toBe(1);
  });

  it('paces at its share of the rate while other tabs load too, and at the whole rate alone', async () => {
    const clock = new FakeClock(0);
    let tabs = 2;
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 2 }, clock, share: () => 1 / tabs });
    // Half of the burst, then one request per 200 ms (half of 10/s).
    expect(times(await release(pacer, clock, prefetches(3), 500))).toEqual([0, 200, 400]);
    tabs = 1;
    await clock.advance(1000);
    expect(times(await release(pacer, clock, prefetches(3), 200))).toEqual([0, 0, 100]);
  });

  it('gives the slot back when a waiting request is aborted, and leaves no timer behind', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ limit: { requestsPerSecond: 10, burst: 1 }, clock });
    await pacer.take('prefetch', 'a');
    const controller = new AbortController();
    const aborted = pacer.take('prefetch', 'b', controller.signal);
    controller.abort();
    await expect(aborted).rejects.toBeDefined();
    expect(pacer.waiting).toBe(0);
    expect(times(await release(pacer, clock, prefetches(1), 200))).toEqual([100]);
    expect(clock.pendingCount).toBe(0);
  });

  it('refuses a rate limit that cannot work', () => {
    expect(() => createRequestPacer({ limit: { requestsPerSecond: 0, burst: 1 }, clock: new FakeClock() })).toThrow(
      'requestsPerSecond > 0',
    );
    expect(() => createRequestPacer({ limit: { requestsPerSecond: 5, burst: 0 }, clock: new FakeClock() })).toThrow(
      'whole burst ≥ 1',
    );
  });
});
