/** How many image requests cornerstone's image load pool may have in flight, per request type. */
export interface RequestLimits {
  /** Images the user is looking at now. */
  interaction: number;
  /** Series thumbnails in the study browser. */
  thumbnail: number;
  /** Images loaded ahead of the user (the rest of the series, other series). */
  prefetch: number;
}

/**
 * Defaults sized for HealthImaging's retrieve throttle: 50 requests/s per account and region, burst 100.
 *
 * In-flight requests × requests per second each can complete = the rate the viewer asks for. A HealthImaging
 * frame request takes about 100–200 ms, so 10 requests in flight ask for 50–100 requests/s: enough to keep the
 * service's 50/s busy, no more. OHIF's stock limits (interaction 100, prefetch 25) put 130 requests in flight;
 * the burst of 100 is spent in the first fraction of a second and the rest of the series is answered 429.
 * Interaction gets the largest share because it is what the radiologist waits for; prefetch stays low so it
 * cannot starve a scroll; two thumbnails at a time fill the study browser without delaying the first image.
 * Requests answered 429 anyway are retried after `Retry-After` by the extension's HTTP layer.
 */
export const defaultRequestLimits: RequestLimits = { interaction: 6, thumbnail: 2, prefetch: 2 };

export const requestTypes = ['interaction', 'thumbnail', 'prefetch'] as const;
