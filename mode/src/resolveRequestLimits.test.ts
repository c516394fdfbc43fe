import { defaultRequestLimits } from './RequestLimits';
import { resolveRequestLimits } from './resolveRequestLimits';

const path = 'modesConfiguration["ohif-mode-aws-healthimaging"].requestLimits';

describe('resolveRequestLimits', () => {
  it('uses the HealthImaging defaults when nothing is configured', () => {
    expect(resolveRequestLimits(undefined, path)).toEqual(defaultRequestLimits);
  });

  it('keeps the series load (the prefetch pool) within what the throttle can serve', () => {
    // 50 requests/s, each slot held about 200 ms (request and decode): 10 in flight.
    expect(defaultRequestLimits.prefetch).toBeLessThanOrEqual(50 * 0.2);
    expect(defaultRequestLimits.thumbnail).toBeLessThan(defaultRequestLimits.interaction);
  });

  it('overrides key by key', () => {
    expect(resolveRequestLimits({ prefetch: 8 }, path)).toEqual({ ...defaultRequestLimits, prefetch: 8 });
  });

  it.each([
    [[], `${path} must be an object such as { "interaction": 6, "thumbnail": 2, "prefetch": 10 }`],
    [{ interactions: 3 }, `${path}.interactions is not a request type; use interaction, thumbnail, prefetch`],
    [{ interaction: 0 }, `${path}.interaction must be a whole number from 1 to 1000; got 0`],
    [{ thumbnail: 2.5 }, `${path}.thumbnail must be a whole number from 1 to 1000; got 2.5`],
    [{ prefetch: '4' }, `${path}.prefetch must be a whole number from 1 to 1000; got "4"`],
  ])('rejects %j with a message naming the key', (overrides, message) => {
    expect(() => resolveRequestLimits(overrides, path)).toThrow(message);
  });
});
