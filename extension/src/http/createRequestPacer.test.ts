import { FakeClock } from '../auth/testing/FakeClock';
import { createRequestPacer } from './createRequestPacer';

/** Starts `count` takes at once and records when each one was let through, relative to the start. */
async function releaseTimes(count: number, clock: FakeClock, pacer: ReturnType<typeof createRequestPacer>, untilMs: number) {
  const start = clock.now();
  const released: number[] = [];
  const takes = Array.from({ length: count }, () => pacer.take().then(() => released.push(clock.now() - start)));
  await clock.advance(untilMs);
  await Promise.all(takes);
  return released;
}

describe('createRequestPacer', () => {
  it('lets the burst through at once, then one request per 1/rate seconds, in order', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ requestsPerSecond: 10, burst: 3 }, clock);
    expect(await releaseTimes(6, clock, pacer, 400)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, up to the burst', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ requestsPerSecond: 10, burst: 2 }, clock);
    await pacer.take();
    await pacer.take();
    await clock.advance(10_000);
    expect(await releaseTimes(3, clock, pacer, 200)).toEqual([0, 0, 100]);
  });

  it('gives the slot back when a waiting request is aborted', async () => {
    const clock = new FakeClock(0);
    const pacer = createRequestPacer({ requestsPerSecond: 10, burst: 1 }, clock);
    await pacer.take();
    const controller = new AbortController();
    const aborted = pacer.take(controller.signal);
    controller.abort();
    await expect(aborted).rejects.toBeDefined();
    expect(clock.pendingCount).toBe(0);
    expect(await releaseTimes(1, clock, pacer, 200)).toEqual([100]);
  });

  it('refuses a rate limit that cannot work', () => {
    expect(() => createRequestPacer({ requestsPerSecond: 0, burst: 1 }, new FakeClock())).toThrow('requestsPerSecond > 0');
    expect(() => createRequestPacer({ requestsPerSecond: 5, burst: 0 }, new FakeClock())).toThrow('whole burst ≥ 1');
  });
});
