import { EndpointOptionsError } from './errors';
import { TokenBucket } from './tokenBucket';

function fakeClock() {
  let now = 1_000;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

const takeMany = (bucket: TokenBucket, count: number) =>
  Array.from({ length: count }, () => bucket.tryTake()).filter(result => result.allowed).length;

describe('TokenBucket', () => {
  it('allows a full burst at once, then refuses', () => {
    const { clock } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 50, burst: 100 }, clock);
    expect(takeMany(bucket, 100)).toBe(100);
    expect(bucket.tryTake()).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rate, never above the burst', () => {
    const { clock, advance } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 50, burst: 100 }, clock);
    takeMany(bucket, 100);
    advance(100); // 0.1 s at 50/s: 5 tokens
    expect(takeMany(bucket, 10)).toBe(5);
    advance(60_000);
    expect(takeMany(bucket, 150)).toBe(100);
  });

  it('answers Retry-After in whole seconds until the next token', () => {
    const { clock, advance } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 0.25, burst: 1 }, clock);
    expect(bucket.tryTake().allowed).toBe(true);
    expect(bucket.tryTake()).toEqual({ allowed: false, retryAfterSeconds: 4 });
    advance(2_500);
    expect(bucket.tryTake()).toEqual({ allowed: false, retryAfterSeconds: 2 });
    advance(1_500);
    expect(bucket.tryTake().allowed).toBe(true);
  });

  it('does not gain tokens when the clock goes backwards', () => {
    const { clock, advance } = fakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 10, burst: 1 }, clock);
    bucket.tryTake();
    advance(-5_000);
    expect(bucket.tryTake().allowed).toBe(false);
  });

  it('refuses settings it cannot honour, naming the key', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(EndpointOptionsError);
    expect(() => new TokenBucket({ ratePerSecond: 5, burst: 1.5 })).toThrow('throttle.burst must be a whole number');
  });
});
