import { FakeClock } from '../testing/FakeClock';
import { RefreshScheduler } from './RefreshScheduler';

function scheduler(clock: FakeClock, { marginSeconds = 60, fail = false, keepTrying = true } = {}) {
  const refreshes: number[] = [];
  const instance = new RefreshScheduler({
    clock,
    marginSeconds,
    refresh: async () => {
      refreshes.push(clock.now());
      if (fail) throw new Error('provider down');
    },
    retryDelayAfter: () => (keepTrying ? 5000 : undefined),
  });
  return { instance, refreshes };
}

describe('RefreshScheduler', () => {
  it('refreshes the margin before expiry', async () => {
    const clock = new FakeClock(1_000_000);
    const { instance, refreshes } = scheduler(clock);
    instance.schedule(clock.now() + 300_000);
    expect(clock.nextDelay()).toBe(240_000);
    await clock.advance(239_999);
    expect(refreshes).toEqual([]);
    await clock.advance(1);
    expect(refreshes).toEqual([1_240_000]);
  });

  it('clamps the margin to half the remaining lifetime, and refreshes at once what has expired', () => {
    const clock = new FakeClock(1_000_000);
    const { instance } = scheduler(clock, { marginSeconds: 400 });
    instance.schedule(clock.now() + 300_000);
    expect(clock.nextDelay()).toBe(150_000);
    instance.schedule(clock.now() - 1000);
    expect([clock.pendingCount, clock.nextDelay()]).toEqual([1, 0]);
  });

  it('plans nothing for tokens that never expire, and one refresh at a time', () => {
    const clock = new FakeClock();
    const { instance } = scheduler(clock);
    instance.schedule(Infinity);
    expect(clock.pendingCount).toBe(0);
    instance.schedule(clock.now() + 300_000);
    instance.schedule(clock.now() + 600_000);
    expect([clock.pendingCount, clock.nextDelay()]).toEqual([1, 540_000]);
    instance.cancel();
    expect(clock.pendingCount).toBe(0);
  });

  it('tries a failed refresh again after the delay it is told, until told to stop', async () => {
    const clock = new FakeClock(0);
    const retrying = scheduler(clock, { fail: true });
    retrying.instance.schedule(120_000);
    await clock.advance(60_000);
    await clock.advance(10_000);
    expect(retrying.refreshes).toEqual([60_000, 65_000, 70_000]);
    retrying.instance.cancel();

    const stopping = scheduler(clock, { fail: true, keepTrying: false });
    stopping.instance.schedule(clock.now() + 120_000);
    await clock.advance(120_000);
    expect(stopping.refreshes).toHaveLength(1);
    expect(clock.pendingCount).toBe(0);
  });
});
