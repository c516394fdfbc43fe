import { sleep, systemClock } from './Clock';
import { FakeClock } from '../testing/FakeClock';

describe('sleep', () => {
  it('resolves when the clock reaches the delay', async () => {
    const clock = new FakeClock();
    let done = false;
    const sleeping = sleep(clock, 1000).then(() => (done = true));
    await clock.advance(999);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
    await sleeping;
  });

  it('rejects with the abort reason and clears its timer', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const waiting = sleep(clock, 1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(clock.pendingCount).toBe(0);
  });

  it('works on the system clock', async () => {
    const start = systemClock.now();
    await sleep(systemClock, 5);
    expect(systemClock.now()).toBeGreaterThanOrEqual(start);
  });
});
