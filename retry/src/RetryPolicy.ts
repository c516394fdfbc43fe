import { assertBackoffSettings, fullJitterDelayMs, type BackoffSettings } from './backoff';
import { createResponseClassifier, type ClassificationRules, type RetryVerdict } from './classifyResponse';
import { retryAfterMs } from './retryAfter';

export interface RetryPolicySettings extends ClassificationRules {
  /** Attempts in all, and the waits between them. */
  backoff: BackoffSettings;
  /** Random numbers in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

/** When to send a request again, and how long to wait first: one policy per kind of client, with its own values. */
export interface RetryPolicy {
  readonly backoff: BackoffSettings;
  /** What the answer calls for; see `RetryVerdict`. The response stays readable. */
  classify(response: Response): Promise<RetryVerdict>;
  /**
   * The wait before retry number `retry` (1 = before the second attempt), in milliseconds: the server's
   * `Retry-After` (delay-seconds or an HTTP date) when it sent one, else full jitter; never over `maxDelayMs`.
   * `retryAfter` is the header's value, or null (no header; a network error).
   */
  delayMs(retry: number, retryAfter: string | null, nowMs: number): number;
}

/**
 * The retry core that the browser extension and the import command share: each passes its own values.
 * @throws RetryPolicySettingsError for a setting that cannot work.
 */
export function createRetryPolicy(settings: RetryPolicySettings): RetryPolicy {
  const backoff = assertBackoffSettings({ ...settings.backoff }, 'backoff');
  const random = settings.random ?? Math.random;
  return {
    backoff,
    classify: createResponseClassifier(settings),
    delayMs(retry, retryAfter, nowMs) {
      const asked = retryAfterMs(retryAfter, nowMs);
      return asked === undefined ? fullJitterDelayMs(retry, backoff, random) : Math.min(asked, backoff.maxDelayMs);
    },
  };
}
