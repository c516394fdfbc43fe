import { resolveRetryPolicy, retryDelayMs } from './retryPolicy';

const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 5000 });

test('Retry-After in seconds or as an HTTP date is honoured, up to the maximum', () => {
  expect(retryDelayMs(0, '2', policy)).toBe(2000);
  expect(retryDelayMs(0, '600', policy)).toBe(5000);
  const now = Date.parse('2025-01-01T00:00:00Z');
  expect(retryDelayMs(3, 'Wed, 01 Jan 2025 00:00:03 GMT', policy, now)).toBe(3000);
});

test('without Retry-After the wait grows exponentially with jitter, up to the maximum', () => {
  for (const retry of [0, 1, 2, 3]) {
    const delay = retryDelayMs(retry, null, policy);
    expect(delay).toBeGreaterThanOrEqual((100 * 2 ** retry) / 2);
    expect(delay).toBeLessThanOrEqual(100 * 2 ** retry);
  }
  expect(retryDelayMs(20, null, policy)).toBe(5000);
  expect(() => resolveRetryPolicy({ maxRetries: -1 })).toThrow('retry maxRetries must be a whole number ≥ 0, got -1');
});
