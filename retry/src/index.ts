export { assertBackoffSettings, backoffCeilingMs, fullJitterDelayMs, type BackoffSettings } from './backoff';
export {
  createResponseClassifier,
  type ClassificationRules,
  type ExpiredTokenAnswer,
  type RetryVerdict,
} from './classifyResponse';
export { RetryPolicySettingsError } from './errors';
export { retryAfterMs } from './retryAfter';
export { createRetryPolicy, type RetryPolicy, type RetryPolicySettings } from './RetryPolicy';
