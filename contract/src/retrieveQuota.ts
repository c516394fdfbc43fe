import { dicomWebUrlOperation } from './dicomWebUrlOperation';
import { isThrottledRetrieveOperation } from './operations';

/** A request rate with a burst: `burst` requests at once, refilled at `requestsPerSecond`. */
export interface RetrieveQuota {
  requestsPerSecond: number;
  burst: number;
}

/**
 * HealthImaging's default quota for its DICOMweb retrieve actions (GetDICOMInstance, GetDICOMInstanceFrames,
 * GetDICOMInstanceMetadata, GetDICOMSeriesMetadata): 50 requests/s with a burst of 100, per account and region.
 * AWS support can raise it; the data source's `retrieveRateLimit` then says so.
 */
export const defaultRetrieveQuota: RetrieveQuota = { requestsPerSecond: 50, burst: 100 };

/** True for the URLs of the actions the retrieve quota counts: series or instance metadata, an instance, frames. */
export function isThrottledRetrieveUrl(url: string): boolean {
  const operation = dicomWebUrlOperation(url);
  return operation !== undefined && isThrottledRetrieveOperation(operation);
}
