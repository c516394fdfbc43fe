import {
  acceptNamesHtj2k,
  authorizerTimeoutStatus,
  dicomWebUrlOperation,
  expiredTokenMessage,
  expiredTokenStatus,
  notAcceptableStatus,
  throttledStatus,
} from 'ohif-healthimaging-contract';
import { fullJitterDelayMs, type BackoffSettings } from './backoff';
import { retryAfterMs } from './retryAfter';

/**
 * What to do with a response from the DICOMweb service:
 * - `token-rejected`: 401, or 403 with "Invalid or Expired Token" → refresh the token (shared), retry once.
 * - `throttled`: 429, 503, 408 ("Authorizer Timeout") → wait (Retry-After, else full-jitter backoff), retry.
 * - `transfer-syntax-refused`: 406 to a frames request that asked for HTJ2K → retry once with `transfer-syntax=*`.
 * - `final`: anything else, including 403 "Access Denied" / "Forbidden": given to the caller as is.
 */
export type RetryVerdict = 'token-rejected' | 'throttled' | 'transfer-syntax-refused' | 'final';

/** The statuses retried with backoff. */
export const throttledStatuses: readonly number[] = [throttledStatus, 503, authorizerTimeoutStatus];

export const defaultThrottleBackoff: BackoffSettings = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 20_000 };

export interface RetryPolicyOptions {
  /**
   * Attempts and waits for `throttled` responses; give any subset, the rest keeps its default. Default `{ maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 20000 }`:
   * up to 5 retries, waits drawn from [0, 1 s], [0, 2 s], [0, 4 s], ... capped at 20 s; a Retry-After header is
   * honoured instead of the drawn wait (capped at maxDelayMs too).
   */
  throttling?: Partial<BackoffSettings>;
  /** Random numbers in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

export interface RetryPolicy {
  readonly throttling: BackoffSettings;
  /** Classifies a response. Reads the body of a 403 only, from a clone: the response stays readable. */
  classify(response: Response, request: { url: string; accept: string | null }): Promise<RetryVerdict>;
  /** The wait before throttled retry number `retry` (1 = before the second attempt), in milliseconds. */
  throttleDelayMs(response: Response, retry: number, nowMs: number): number;
}

/** Thrown for a retry policy setting that cannot work; the message names the setting. */
export class RetryPolicySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryPolicySettingsError';
  }
}

export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const throttling = { ...defaultThrottleBackoff, ...options.throttling };
  const random = options.random ?? Math.random;
  if (!Number.isInteger(throttling.maxAttempts) || throttling.maxAttempts < 1) {
    throw new RetryPolicySettingsError(`throttling.maxAttempts must be an integer of at least 1; got ${throttling.maxAttempts}`);
  }
  if (!(throttling.baseDelayMs >= 0) || !(throttling.maxDelayMs >= throttling.baseDelayMs)) {
    throw new RetryPolicySettingsError(
      `throttling.baseDelayMs must be at least 0 and maxDelayMs at least baseDelayMs; got ${throttling.baseDelayMs} and ${throttling.maxDelayMs}`,
    );
  }
  return {
    throttling,
    async classify(response, request) {
      if (response.status === 401) {
        return 'token-rejected';
      }
      if (response.status === expiredTokenStatus) {
        return (await saysExpiredToken(response)) ? 'token-rejected' : 'final';
      }
      if (throttledStatuses.includes(response.status)) {
        return 'throttled';
      }
      if (response.status === notAcceptableStatus && dicomWebUrlOperation(request.url) === 'GetDICOMInstanceFrames' && acceptNamesHtj2k(request.accept)) {
        return 'transfer-syntax-refused';
      }
      return 'final';
    },
    throttleDelayMs(response, retry, nowMs) {
      const asked = retryAfterMs(response.headers.get('Retry-After'), nowMs);
      return asked === undefined ? fullJitterDelayMs(retry, throttling, random) : Math.min(asked, throttling.maxDelayMs);
    },
  };
}

/**
 * HealthImaging answers an expired or invalid token with 403 "Invalid or Expired Token", and a denied one with 403
 * "Access Denied" or "Forbidden": only the first is worth a refresh. The body is small JSON or text.
 */
async function saysExpiredToken(response: Response): Promise<boolean> {
  let body: string;
  try {
    body = await response.clone().text();
  } catch {
    return false;
  }
  return body.includes(expiredTokenMessage);
}
