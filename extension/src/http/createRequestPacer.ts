import { sleep, type Clock } from '../auth/Clock';

/** A sustained rate and a burst: the shape of HealthImaging's retrieve quota. */
export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

/** Holds each request back until the rate allows it. */
export interface RequestPacer {
  /** Resolves when the request may be sent; rejects with the signal's reason if it aborts while waiting. */
  take(signal?: AbortSignal | null): Promise<void>;
}

/**
 * A token bucket on the client side: `burst` requests go at once, then `requestsPerSecond`. Requests beyond it wait
 * their turn in order, instead of being sent to be answered 429 and retried only after a `Retry-After` second.
 * Each caller reserves its token on arrival (the bucket may go below zero), so waits are first come, first served.
 */
export function createRequestPacer({ requestsPerSecond, burst }: RateLimit, clock: Clock): RequestPacer {
  if (!(requestsPerSecond > 0) || !Number.isInteger(burst) || burst < 1) {
    throw new RangeError(`a rate limit needs requestsPerSecond > 0 and a whole burst ≥ 1; got ${requestsPerSecond} and ${burst}`);
  }
  let tokens = burst;
  let updatedAt = clock.now();
  return {
    async take(signal) {
      const now = clock.now();
      tokens = Math.min(burst, tokens + ((now - updatedAt) * requestsPerSecond) / 1000);
      updatedAt = now;
      tokens -= 1;
      if (tokens >= 0) {
        return;
      }
      try {
        await sleep(clock, (-tokens * 1000) / requestsPerSecond, signal);
      } catch (error) {
        tokens += 1;
        throw error;
      }
    },
  };
}
