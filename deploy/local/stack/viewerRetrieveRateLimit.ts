import type { RateLimit } from 'ohif-extension-aws-healthimaging/settings';
import type { LocalStackSettings } from './LocalStackSettings';

/**
 * The viewer's `retrieveRateLimit` for the local stack: the quota its endpoint enforces, so the viewer paces
 * itself as it would against an account with that quota. Without a throttle (`--no-throttle`), the extension's
 * default: the viewer still paces as against HealthImaging's default quota.
 */
export function viewerRetrieveRateLimit(throttle: LocalStackSettings['throttle']): RateLimit | undefined {
  return throttle === false ? undefined : { requestsPerSecond: throttle.ratePerSecond, burst: throttle.burst };
}
