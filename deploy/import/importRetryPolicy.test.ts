import { createImportRetryPolicy } from './importRetryPolicy';

const policy = createImportRetryPolicy({ baseDelayMs: 100, maxDelayMs: 5000 });

test('Retry-After in seconds or as an HTTP date is honoured, up to the maximum', () => {
  expect(policy.delayMs(1, '2', Date.now())).toBe(2000);
  expect(policy.delayMs(1, '600', Date.now())).toBe(5000);
  const now = Date.parse('2025-01-01T00:00:00Z');
  expect(policy.delayMs(4, 'Wed, 01 Jan 2025 00:00:03 GMT', now)).toBe(3000);
});

test('without Retry-After the wait grows exponentially with jitter, up to the maximum', () => {
  // Full jitter, as the viewer's: a wait drawn from [0, 100 ms × 2^retry) (before: [half, all] of it).
  for (const retry of [0, 1, 2, 3]) {
    const delay = policy.delayMs(retry + 1, null, Date.now());
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(100 * 2 ** retry);
  }
  expect(
    createImportRetryPolicy({ baseDelayMs: 100, maxDelayMs: 5000 }, () => 0.999999).delayMs(21, null, Date.now()),
  ).toBe(4999);
  expect(() => createImportRetryPolicy({ maxRetries: -1 })).toThrow(
    'retry maxRetries must be a whole number ≥ 0, got -1',
  );
});

test('retries gateway errors too, and renews a token HealthImaging calls expired', async () => {
  const statuses = [408, 429, 502, 503, 504, 500];
  const verdicts = await Promise.all(statuses.map(status => policy.classify(new Response('', { status }))));
  expect(verdicts).toEqual(['retry-later', 'retry-later', 'retry-later', 'retry-later', 'retry-later', 'final']);
  await expect(policy.classify(new Response('{"message":"Invalid or Expired Token"}', { status: 403 }))).resolves.toBe(
    'token-rejected',
  );
  await expect(policy.classify(new Response('{"message":"Access Denied"}', { status: 403 }))).resolves.toBe('final');
  expect(createImportRetryPolicy({ maxRetries: 0 }).backoff.maxAttempts).toBe(1);
  expect(() => createImportRetryPolicy({ baseDelayMs: 10_000, maxDelayMs: 100 })).toThrow('retry.baseDelayMs');
});
