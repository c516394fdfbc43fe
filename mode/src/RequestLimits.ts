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
 * A series loads through the prefetch pool (cornerstone's stack prefetch), and a pool slot is held until the
 * image is fetched *and* decoded. In flight ≈ quota × (request time + decode time): 50/s × 0.15–0.2 s ≈ 8–10 for
 * HealthImaging. Measured (`npm run bench`, 160 frames, 40 ms latency): prefetch 2 loads 26 frames/s, prefetch 10
 * 54 frames/s with no 429. The extension paces the retrieve requests at the quota on the client side, so a higher
 * limit cannot flood the service. Interaction (the image on screen) has its own slots and priority; two thumbnails
 * at a time fill the study browser without delaying the first image. OHIF's stock limits put 130 requests in flight.
 */
export const defaultRequestLimits: RequestLimits = { interaction: 6, thumbnail: 2, prefetch: 10 };

export const requestTypes = ['interaction', 'thumbnail', 'prefetch'] as const;
