import type { Clock } from '../auth/Clock';
import { priorityRank, type RequestPriority } from './requestPriority';

/** A sustained rate and a burst: the shape of HealthImaging's retrieve quota. */
export interface RateLimit {
  requestsPerSecond: number;
  burst: number;
}

/** How the pace follows the quota it really gets (AIMD, as TCP does with a congested link). */
export interface AdaptationSettings {
  /** A throttled answer multiplies the rate by this. Default 0.7. */
  decreaseFactor: number;
  /** One decrease per this many milliseconds: the 429s of one overload arrive together and count once. Default 1000. */
  decreaseIntervalMs: number;
  /** Requests per second the rate regains per second, up to the limit. Default: the limit's rate ÷ 25 (2/s at 50/s). */
  increasePerSecond?: number;
  /** The rate never goes below this. Default 1 request per second. */
  minimumRequestsPerSecond: number;
}

export const defaultAdaptation: AdaptationSettings = {
  decreaseFactor: 0.7,
  decreaseIntervalMs: 1000,
  minimumRequestsPerSecond: 1,
};

/** How much of the rate is this pacer's: 1 alone, 1/n when n tabs of the browser are loading at once. */
export type ShareOfQuota = () => number;

export interface RequestPacerOptions {
  limit: RateLimit;
  clock: Clock;
  adaptation?: Partial<AdaptationSettings>;
  share?: ShareOfQuota;
}

/** Holds each request back until the rate allows it, most urgent first. */
export interface RequestPacer {
  /**
   * Resolves when a request of `priority` may be sent; rejects with the signal's reason if it aborts while waiting.
   * `key` names the request (its URL) for `promote`.
   */
  take(priority: RequestPriority, key: string, signal?: AbortSignal | null): Promise<void>;
  /** A request waiting under `key` is now wanted with `priority` (the reader scrolled to a frame being prefetched). */
  promote(key: string, priority: RequestPriority): void;
  /** The service throttled a request: lower the rate, and send nothing until `retryAfterMs` has passed if given. */
  throttled(retryAfterMs?: number): void;
  /** The current rate, before the share, in requests per second. */
  readonly requestsPerSecond: number;
  /** Requests waiting for their turn. */
  readonly waiting: number;
}

interface Waiter {
  rank: number;
  key: string;
  resolve(): void;
  detach(): void;
}

/**
 * A token bucket on the client side that adapts to the quota it really gets. `burst` requests go at once, then
 * `requestsPerSecond`; requests beyond it wait in order of priority, then arrival, instead of being sent to be
 * answered 429. The rate follows the service: each throttled answer lowers it multiplicatively (at most once per
 * `decreaseIntervalMs`) and empties the bucket, `Retry-After` pauses sending; every second without one raises it
 * additively, never above `limit`. So several viewers of one account, each with its own pacer, settle on a fair
 * share of the account's quota, as TCP flows do on one link; tabs of one browser also split the rate (`share`).
 */
export function createRequestPacer({
  limit,
  clock,
  adaptation = {},
  share = () => 1,
}: RequestPacerOptions): RequestPacer {
  if (!(limit.requestsPerSecond > 0) || !Number.isInteger(limit.burst) || limit.burst < 1) {
    throw new RangeError(
      `a rate limit needs requestsPerSecond > 0 and a whole burst ≥ 1; got ${limit.requestsPerSecond} and ${limit.burst}`,
    );
  }
  const settings = { ...defaultAdaptation, increasePerSecond: limit.requestsPerSecond / 25, ...adaptation };
  const minimumRate = Math.min(settings.minimumRequestsPerSecond, limit.requestsPerSecond);
  let rate = limit.requestsPerSecond;
  let tokens = limit.burst;
  let updatedAt = clock.now();
  let lastDecreaseAt = -Infinity;
  let pausedUntil = -Infinity;
  let timer: unknown;
  const queue: Waiter[] = [];

  const effectiveRate = () => rate * Math.min(1, Math.max(share(), 0.01));
  const effectiveBurst = () => Math.max(1, limit.burst * Math.min(1, Math.max(share(), 0.01)));

  /** Brings the rate and the bucket up to now. */
  function update(): void {
    const now = clock.now();
    const elapsedMs = Math.max(0, now - updatedAt);
    // The interval after a decrease gains nothing: its 429s were caused by what was sent before.
    const increasingMs = Math.max(0, now - Math.max(updatedAt, lastDecreaseAt + settings.decreaseIntervalMs));
    updatedAt = now;
    rate = Math.min(limit.requestsPerSecond, rate + (settings.increasePerSecond * increasingMs) / 1000);
    if (now >= pausedUntil) {
      tokens = Math.min(effectiveBurst(), tokens + (elapsedMs * effectiveRate()) / 1000);
    }
  }

  function pump(): void {
    if (timer !== undefined) {
      clock.clearTimeout(timer);
      timer = undefined;
    }
    update();
    while (queue.length > 0 && tokens >= 1 && clock.now() >= pausedUntil) {
      tokens -= 1;
      const next = queue.shift() as Waiter;
      next.detach();
      next.resolve();
    }
    if (queue.length > 0) {
      const now = clock.now();
      const refillMs = Math.max(0, ((1 - tokens) * 1000) / effectiveRate());
      timer = clock.setTimeout(pump, Math.max(pausedUntil - now, refillMs, 1));
    }
  }

  function enqueue(waiter: Waiter): void {
    // After the last waiter of the same or a more urgent rank: priority first, then arrival.
    let index = queue.length;
    while (index > 0 && (queue[index - 1] as Waiter).rank > waiter.rank) index--;
    queue.splice(index, 0, waiter);
  }

  return {
    get requestsPerSecond() {
      update();
      return rate;
    },
    get waiting() {
      return queue.length;
    },
    take(priority, key, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          rank: priorityRank[priority],
          key,
          resolve,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        enqueue(waiter);
        pump();
      });
    },
    promote(key, priority) {
      const rank = priorityRank[priority];
      const index = queue.findIndex(waiter => waiter.key === key && waiter.rank > rank);
      if (index < 0) return;
      const [waiter] = queue.splice(index, 1) as [Waiter];
      waiter.rank = rank;
      enqueue(waiter);
      pump();
    },
    throttled(retryAfterMs) {
      update();
      const now = clock.now();
      if (now >= lastDecreaseAt + settings.decreaseIntervalMs) {
        rate = Math.max(minimumRate, rate * settings.decreaseFactor);
        lastDecreaseAt = now;
      }
      // The burst the bucket counted on is not there: whatever it held was spent by someone else.
      tokens = Math.min(tokens, 0);
      if (retryAfterMs !== undefined && retryAfterMs > 0) pausedUntil = Math.max(pausedUntil, now + retryAfterMs);
      pump();
    },
  };
}
