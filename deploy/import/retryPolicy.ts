import { ImportSettingError } from './errors';

/** When and how long to wait before sending a refused or failed request again. Every field has a default. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 6. */
  maxRetries?: number;
  /** Wait before the first retry when the server names none; doubled each retry (with jitter). Default 500 ms. */
  baseDelayMs?: number;
  /** Longest wait, also for a server's `Retry-After`. Default 30000 ms. */
  maxDelayMs?: number;
}

export const defaultRetryPolicy: Required<RetryPolicy> = { maxRetries: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Statuses worth sending again: 429 (HealthImaging's throttle), 503 (unavailable), 502/504 (gateways), 408
 * (HealthImaging: the authorizer took over 1 s).
 */
export const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

export function resolveRetryPolicy(policy: RetryPolicy = {}): Required<RetryPolicy> {
  const resolved = { ...defaultRetryPolicy, ...policy };
  if (!Number.isInteger(resolved.maxRetries) || resolved.maxRetries < 0) {
    throw new ImportSettingError('retry maxRetries', `must be a whole number ≥ 0, got ${resolved.maxRetries}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) throw new ImportSettingError(`retry ${key}`, `must be a number ≥ 0, got ${resolved[key]}`);
  }
  return resolved;
}

/**
 * How long to wait before retry number `retry` (0 = the first retry): the server's `Retry-After` (seconds or an
 * HTTP date) when given, else exponential backoff with jitter; never over `maxDelayMs`.
 */
export function retryDelayMs(retry: number, retryAfter: string | null, policy: Required<RetryPolicy>, nowMs = Date.now()): number {
  const serverDelay = parseRetryAfterMs(retryAfter, nowMs);
  if (serverDelay !== undefined) return Math.min(serverDelay, policy.maxDelayMs);
  const exponential = policy.baseDelayMs * 2 ** retry;
  // "Equal jitter": half fixed, half random, so parallel importers do not retry in lockstep.
  return Math.min(policy.maxDelayMs, exponential / 2 + (Math.random() * exponential) / 2);
}

function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
