/** Bounded exponential backoff: how many tries, and how long to wait between them. */
export interface BackoffSettings {
  /** Total attempts including the first one. */
  maxAttempts: number;
  /** Upper bound of the first wait, in milliseconds; doubled after each failed attempt. */
  baseDelayMs: number;
  /** No single wait is longer than this, in milliseconds (a server's Retry-After included). */
  maxDelayMs: number;
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniformly random wait between
 * 0 and min(maxDelayMs, baseDelayMs * 2^(retry - 1)). Random waits spread the retries of many clients that were
 * refused at the same moment, which is exactly the case for a throttled burst of frame requests.
 * `retry` counts from 1 (the wait before the second attempt).
 */
export function fullJitterDelayMs(retry: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
