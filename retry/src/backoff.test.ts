import { assertBackoffSettings, backoffCeilingMs, fullJitterDelayMs } from './backoff';
import { RetryPolicySettingsError } from './errors';

const settings = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };

describe('fullJitterDelayMs', () => {
  it('draws from [0, base * 2^(retry-1)], capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6].map(retry => fullJitterDelayMs(retry, settings, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(fullJitterDelayMs(3, settings, () => 0)).toBe(0);
    expect(fullJitterDelayMs(3, settings, () => 0.5)).toBe(200);
  });

  it('stays within its bounds for any random number in [0, 1)', () => {
    for (const random of [0, 0.1, 0.37, 0.5, 0.9, 0.999999]) {
      for (const retry of [1, 2, 3, 4, 5, 10, 40]) {
        const delay = fullJitterDelayMs(retry, settings, () => random);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(backoffCeilingMs(retry, settings));
      }
    }
  });
});

describe('backoffCeilingMs', () => {
  it('doubles from baseDelayMs up to maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 30].map(retry => backoffCeilingMs(retry, settings))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});

describe('assertBackoffSettings', () => {
  it('returns workable settings as they are', () => {
    expect(assertBackoffSettings(settings, 'throttling')).toBe(settings);
    expect(assertBackoffSettings({ maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 }, 'throttling')).toEqual({
      maxAttempts: 1,
      baseDelayMs: 0,
      maxDelayMs: 0,
    });
  });

  it.each([
    [
      { maxAttempts: 0, baseDelayMs: 1, maxDelayMs: 1 },
      'throttling.maxAttempts must be an integer of at least 1; got 0',
    ],
    [
      { maxAttempts: 2.5, baseDelayMs: 1, maxDelayMs: 1 },
      'throttling.maxAttempts must be an integer of at least 1; got 2.5',
    ],
    [
      { maxAttempts: 3, baseDelayMs: -1, maxDelayMs: 1 },
      'throttling.baseDelayMs must be at least 0 and maxDelayMs at least baseDelayMs; got -1 and 1',
    ],
    [
      { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 100 },
      'throttling.baseDelayMs must be at least 0 and maxDelayMs at least baseDelayMs; got 500 and 100',
    ],
    [
      { maxAttempts: 3, baseDelayMs: NaN, maxDelayMs: 100 },
      'throttling.baseDelayMs must be at least 0 and maxDelayMs at least baseDelayMs; got NaN and 100',
    ],
  ])('refuses %j, naming the setting', (bad, message) => {
    expect(() => assertBackoffSettings(bad, 'throttling')).toThrow(message);
    expect(() => assertBackoffSettings(bad, 'throttling')).toThrow(RetryPolicySettingsError);
  });
});
