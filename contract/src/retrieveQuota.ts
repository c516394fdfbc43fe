import type { RateLimit } from '../http/createRequestPacer';

/**
 * HealthImaging's default quota for its DICOMweb retrieve actions (GetDICOMInstance, GetDICOMInstanceFrames,
 * GetDICOMInstanceMetadata, GetDICOMSeriesMetadata): 50 requests/s with a burst of 100, per account and region.
 * AWS support can raise it; the data source's `retrieveRateLimit` then says so.
 */
export const defaultRetrieveQuota: RateLimit = { requestsPerSecond: 50, burst: 100 };

const retrievePath = /\/studies\/[^/]+\/series\/[^/]+\/(metadata|instances\/[^/]+(\/metadata|\/frames\/[^/]+)?)$/;

/** True for the URLs of the actions the retrieve quota counts: series or instance metadata, an instance, frames. */
export function isThrottledRetrieveUrl(url: string): boolean {
  return retrievePath.test(new URL(url).pathname);
}
