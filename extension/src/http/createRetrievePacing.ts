import { isThrottledRetrieveUrl } from 'ohif-healthimaging-contract';
import type { Clock } from '../auth/Clock';
import type { Pacing } from './createAuthorizedFetch';
import { createRequestPacer, type AdaptationSettings, type RateLimit, type RequestPacer } from './createRequestPacer';
import type { RequestPriority } from './requestPriority';

/** Where the pace of one tab meets the others of the browser: see `TabQuotaShare`. */
export interface QuotaShareLike {
  /** This tab's part of the browser's rate, in (0, 1]. */
  fraction(): number;
  /** This tab has requests waiting or in flight: it counts among the tabs that share the rate. */
  markBusy(): void;
  /** Tells the browser's other tabs that the service throttled (they slow down too). */
  announceThrottled(retryAfterMs: number | undefined): void;
}

export interface RetrievePacingOptions {
  limit: RateLimit;
  clock: Clock;
  share?: QuotaShareLike;
  adaptation?: Partial<AdaptationSettings>;
}

/** The pacing of HealthImaging's retrieve requests: `Pacing` for the fetch, plus what the viewer tells it. */
export interface RetrievePacing extends Pacing {
  /** Cornerstone asked for `url` with `priority`: its request, waiting or still to come, gets that priority. */
  noteRequest(url: string, priority: RequestPriority): void;
  /** Throttling seen by another tab of the browser. */
  throttledElsewhere(retryAfterMs: number | undefined): void;
  readonly pacer: RequestPacer;
}

/** Priorities noted for requests not yet sent; old notes go first when the page asks for very many frames. */
const maxNotedPriorities = 20_000;

/**
 * Paces the URLs HealthImaging's retrieve quota counts (series and instance metadata, instances, frames) with one
 * adaptive pacer. A request's priority is what cornerstone's image load pool said when it was queued there
 * (`noteRequest`); a request the pool never saw (metadata, which the viewer needs before anything shows) counts as
 * interaction.
 */
export function createRetrievePacing({ limit, clock, share, adaptation }: RetrievePacingOptions): RetrievePacing {
  const pacer = createRequestPacer({ limit, clock, adaptation, share: share ? () => share.fraction() : undefined });
  const priorities = new Map<string, RequestPriority>();
  return {
    pacer,
    covers: isThrottledRetrieveUrl,
    take(url, signal) {
      share?.markBusy();
      const priority = priorities.get(url) ?? 'interaction';
      priorities.delete(url);
      return pacer.take(priority, url, signal);
    },
    throttled(retryAfterMs) {
      pacer.throttled(retryAfterMs);
      share?.announceThrottled(retryAfterMs);
    },
    throttledElsewhere(retryAfterMs) {
      pacer.throttled(retryAfterMs);
    },
    noteRequest(url, priority) {
      priorities.delete(url);
      priorities.set(url, priority);
      if (priorities.size > maxNotedPriorities) priorities.delete(priorities.keys().next().value as string);
      pacer.promote(url, priority);
    },
  };
}
