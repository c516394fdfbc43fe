import { fullJitterDelayMs } from './backoff';

const settings = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };

describe('fullJitterDelayMs', () => {
  it('draws from [0, base * 2^(retry-1)], capped at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6].map(retry => fullJitterDelayMs(retry, settings, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(fullJitterDelayMs(3, settings, () => 0)).toBe(0);
    expect(fullJitterDelayMs(3, settings, () => 0.5)).toBe(200);
  });
});
