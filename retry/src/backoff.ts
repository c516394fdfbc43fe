import { RetryPolicySettingsError } from './errors';

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
 * The exponential ceiling of wait number `retry` (1 = the wait before the second attempt):
 * min(maxDelayMs, baseDelayMs * 2^(retry - 1)). On its own it suits a single poller with no crowd to spread
 * (an import job's status checks); retries of a refused request draw below it (`fullJitterDelayMs`).
 */
export function backoffCeilingMs(retry: number, settings: Pick<BackoffSettings, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniformly random wait between
 * 0 and min(maxDelayMs, baseDelayMs * 2^(retry - 1)). Random waits spread the retries of many clients that were
 * refused at the same moment, which is exactly the case for a throttled burst of frame requests.
 * `retry` counts from 1 (the wait before the second attempt).
 */
export function fullJitterDelayMs(retry: number, settings: BackoffSettings, random: () => number): number {
  return Math.floor(random() * backoffCeilingMs(retry, settings));
}

/**
 * Checks backoff settings given by a caller; `key` is where they were given (e.g. `throttling`), so the message
 * names the setting to fix. Returns them unchanged.
 * @throws RetryPolicySettingsError for a setting that cannot work.
 */
export function assertBackoffSettings(settings: BackoffSettings, key: string): BackoffSettings {
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1) {
    throw new RetryPolicySettingsError(
      `${key}.maxAttempts`,
      `must be an integer of at least 1; got ${settings.maxAttempts}`,
    );
  }
  if (!(settings.baseDelayMs >= 0) || !(settings.maxDelayMs >= settings.baseDelayMs)) {
    throw new RetryPolicySettingsError(
      `${key}.baseDelayMs`,
      `must be at least 0 and maxDelayMs at least baseDelayMs; got ${settings.baseDelayMs} and ${settings.maxDelayMs}`,
    );
  }
  return settings;
}
