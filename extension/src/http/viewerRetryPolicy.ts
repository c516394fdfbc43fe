import { assertBackoffSettings, createRetryPolicy, type BackoffSettings } from 'ohif-healthimaging-retry';
import {
  acceptNamesHtj2k,
  authorizerTimeoutStatus,
  dicomWebUrlOperation,
  expiredTokenMessage,
  expiredTokenStatus,
  notAcceptableStatus,
  throttledStatus,
} from 'ohif-healthimaging-contract';

/**
 * What the viewer does with a response from the DICOMweb service:
 * - `token-rejected`: 401, or 403 with "Invalid or Expired Token" → refresh the token (shared), retry once.
 * - `throttled`: 429, 503, 408 ("Authorizer Timeout") → wait (Retry-After, else full-jitter backoff), retry; the
 *   retrieve pacer slows down for every request.
 * - `transfer-syntax-refused`: 406 to a frames request that asked for HTJ2K → retry once with `transfer-syntax=*`.
 * - `final`: anything else, including 403 "Access Denied" / "Forbidden": given to the caller as is.
 */
export type ViewerRetryVerdict = 'token-rejected' | 'throttled' | 'transfer-syntax-refused' | 'final';

/**
 * The statuses retried with backoff. Not 502 and 504, which the import command retries: here a throttled answer
 * lowers the rate of the pacer every retrieve request of the reader goes through, and a paced request is never
 * given up; a gateway error says nothing about the quota, so counting it would slow every image and retry a
 * broken path for as long as the study is open. The reader gets the failure at once instead.
 */
export const throttledStatuses: readonly number[] = [throttledStatus, 503, authorizerTimeoutStatus];

export const defaultThrottleBackoff: BackoffSettings = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 20_000 };

export interface ViewerRetryPolicyOptions {
  /**
   * Attempts and waits for `throttled` responses; give any subset, the rest keeps its default. Default `{ maxAttempts:
   * 6, baseDelayMs: 1000, maxDelayMs: 20000 }`: up to 5 retries, waits drawn from [0, 1 s], [0, 2 s], [0, 4 s], ...
   * capped at 20 s; a Retry-After header is honoured instead of the drawn wait (capped at maxDelayMs too).
   */
  throttling?: Partial<BackoffSettings>;
  /** Random numbers in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** The retry policy of the viewer's DICOMweb requests: the shared core's, plus HealthImaging's HTJ2K fallback. */
export interface ViewerRetryPolicy {
  readonly throttling: BackoffSettings;
  /** Classifies a response. Reads the body of a 403 only, from a clone: the response stays readable. */
  classify(response: Response, request: { url: string; accept: string | null }): Promise<ViewerRetryVerdict>;
  /** The wait before throttled retry number `retry` (1 = before the second attempt), in milliseconds. */
  throttleDelayMs(response: Response, retry: number, nowMs: number): number;
}

/** @throws RetryPolicySettingsError (from `ohif-healthimaging-retry`) for a `throttling` setting that cannot work. */
export function createViewerRetryPolicy(options: ViewerRetryPolicyOptions = {}): ViewerRetryPolicy {
  const throttling = assertBackoffSettings({ ...defaultThrottleBackoff, ...options.throttling }, 'throttling');
  const core = createRetryPolicy({
    backoff: throttling,
    retryLaterStatuses: throttledStatuses,
    expiredToken: { status: expiredTokenStatus, message: expiredTokenMessage },
    random: options.random,
  });
  return {
    throttling,
    async classify(response, request) {
      const verdict = await core.classify(response);
      if (verdict === 'retry-later') {
        return 'throttled';
      }
      if (
        verdict === 'final' &&
        response.status === notAcceptableStatus &&
        dicomWebUrlOperation(request.url) === 'GetDICOMInstanceFrames' &&
        acceptNamesHtj2k(request.accept)
      ) {
        return 'transfer-syntax-refused';
      }
      return verdict;
    },
    throttleDelayMs(response, retry, nowMs) {
      return core.delayMs(retry, response.headers.get('Retry-After'), nowMs);
    },
  };
}
