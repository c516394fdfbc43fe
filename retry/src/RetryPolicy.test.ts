import { RetryPolicySettingsError } from './errors';
import { createRetryPolicy, type RetryPolicySettings } from './RetryPolicy';

const settings: RetryPolicySettings = {
  backoff: { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000 },
  retryLaterStatuses: [429, 503],
  expiredToken: { status: 403, message: 'Invalid or Expired Token' },
};
const now = Date.parse('2026-01-01T00:00:00Z');

describe('createRetryPolicy', () => {
  it('waits what Retry-After asks (seconds or an HTTP date), capped at maxDelayMs', () => {
    const policy = createRetryPolicy({ ...settings, random: () => 0.5 });
    expect(policy.delayMs(1, '3', now)).toBe(3000);
    expect(policy.delayMs(1, 'Thu, 01 Jan 2026 00:00:04 GMT', now)).toBe(4000);
    expect(policy.delayMs(1, '999', now)).toBe(10_000);
  });

  it('draws a full-jitter wait without a readable Retry-After', () => {
    const half = createRetryPolicy({ ...settings, random: () => 0.5 });
    expect([1, 2, 3, 4, 5].map(retry => half.delayMs(retry, null, now))).toEqual([500, 1000, 2000, 4000, 5000]);
    expect(half.delayMs(2, '-5', now)).toBe(1000);
    expect(createRetryPolicy({ ...settings, random: () => 0 }).delayMs(3, null, now)).toBe(0);
    expect(createRetryPolicy({ ...settings, random: () => 0.999999 }).delayMs(3, null, now)).toBe(3999);
  });

  it('classifies with the rules it was given', async () => {
    const policy = createRetryPolicy(settings);
    await expect(policy.classify(new Response('', { status: 503 }))).resolves.toBe('retry-later');
    await expect(
      policy.classify(new Response('{"message":"Invalid or Expired Token"}', { status: 403 })),
    ).resolves.toBe('token-rejected');
  });

  it('keeps its own copy of the backoff and refuses one that cannot work', () => {
    const backoff = { ...settings.backoff };
    const policy = createRetryPolicy({ ...settings, backoff });
    backoff.maxAttempts = 100;
    expect(policy.backoff.maxAttempts).toBe(4);
    expect(() =>
      createRetryPolicy({ ...settings, backoff: { maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 } }),
    ).toThrow(RetryPolicySettingsError);
    expect(() =>
      createRetryPolicy({ ...settings, backoff: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 1 } }),
    ).toThrow('backoff.baseDelayMs');
  });
});
