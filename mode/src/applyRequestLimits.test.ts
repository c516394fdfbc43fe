/** @jest-environment jsdom */
import { RequestPoolManager } from '@cornerstonejs/core/requestPoolManager';
import type { RequestPool } from './applyRequestLimits';
import { applyRequestLimits } from './applyRequestLimits';
import { defaultRequestLimits } from './RequestLimits';

describe("applyRequestLimits on cornerstone's real request pool", () => {
  it('sets each request type and puts the previous values back', () => {
    const pool = new RequestPoolManager('test');
    const limits: RequestPool = pool; // the mode's view of the pool: request types as strings
    limits.setMaxSimultaneousRequests('interaction', 100);
    limits.setMaxSimultaneousRequests('thumbnail', 5);
    limits.setMaxSimultaneousRequests('prefetch', 25);

    const restore = applyRequestLimits(pool, defaultRequestLimits);
    expect(limits.getMaxSimultaneousRequests('interaction')).toBe(defaultRequestLimits.interaction);
    expect(limits.getMaxSimultaneousRequests('thumbnail')).toBe(defaultRequestLimits.thumbnail);
    expect(limits.getMaxSimultaneousRequests('prefetch')).toBe(defaultRequestLimits.prefetch);
    expect(limits.getMaxSimultaneousRequests('compute')).toBe(1000);

    restore();
    expect(limits.getMaxSimultaneousRequests('interaction')).toBe(100);
    expect(limits.getMaxSimultaneousRequests('thumbnail')).toBe(5);
    expect(limits.getMaxSimultaneousRequests('prefetch')).toBe(25);
  });

  it('keeps no more requests in flight than the limit while the pool pumps', async () => {
    const pool = new RequestPoolManager('pump');
    applyRequestLimits(pool, { interaction: 3, thumbnail: 1, prefetch: 1 });
    let inFlight = 0;
    let peak = 0;
    const finished: Promise<void>[] = [];
    for (let i = 0; i < 12; i++) {
      finished.push(
        new Promise<void>(resolve => {
          pool.addRequest(
            () => {
              inFlight++;
              peak = Math.max(peak, inFlight);
              return new Promise<void>(done => setTimeout(done, 5)).then(() => {
                inFlight--;
                resolve();
              });
            },
            'interaction' as never,
            {},
          );
        }),
      );
    }
    await Promise.all(finished);
    expect(peak).toBe(3);
  });
});
