import { assertBackoffSettings, createRetryPolicy, type RetryPolicy } from 'ohif-healthimaging-retry';
import { expiredTokenMessage, expiredTokenStatus } from 'ohif-healthimaging-contract';
import { ImportSettingError } from './errors';

/** How often and how long the import sends a refused or failed request again, as its user gives it. */
export interface ImportRetrySettings {
  /** Retries after the first attempt. Default 6. */
  maxRetries?: number;
  /** Upper bound of the first wait when the server names none; doubled each retry (full jitter). Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait, also for a server's `Retry-After`. Default 30000 ms. */
  maxDelayMs?: number;
}

export const defaultImportRetry: Required<ImportRetrySettings> = {
  maxRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Statuses worth sending again: 429 (HealthImaging's throttle), 503 (unavailable), 408 (HealthImaging: the
 * authorizer took over 1 s), and 502/504, which the viewer does not retry: an import runs unattended for hours,
 * its large STOW requests cross proxies and load balancers that answer 502/504 when an upstream hiccups, and a
 * batch given up is files not imported. Its retries take no turn from a reader's retrieve quota (STOW is a write).
 */
export const importRetryLaterStatuses: readonly number[] = [408, 429, 502, 503, 504];

/**
 * The import's retry policy: the shared retry core with the values above and HealthImaging's expired-token answer.
 * @throws ImportSettingError for a `maxRetries` that is not a whole number ≥ 0; RetryPolicySettingsError for delays
 * that cannot work.
 */
export function createImportRetryPolicy(
  settings: ImportRetrySettings = {},
  random: () => number = Math.random,
): RetryPolicy {
  const { maxRetries, baseDelayMs, maxDelayMs } = { ...defaultImportRetry, ...settings };
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ImportSettingError('retry maxRetries', `must be a whole number ≥ 0, got ${maxRetries}`);
  }
  return createRetryPolicy({
    backoff: assertBackoffSettings({ maxAttempts: maxRetries + 1, baseDelayMs, maxDelayMs }, 'retry'),
    retryLaterStatuses: importRetryLaterStatuses,
    expiredToken: { status: expiredTokenStatus, message: expiredTokenMessage },
    random,
  });
}
