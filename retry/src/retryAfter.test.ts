import { retryAfterMs } from './retryAfter';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('retryAfterMs', () => {
  it('reads delay-seconds', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('120', now)).toBe(120_000);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(' Thu, 01 Jan 2026 00:00:30 GMT ', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('', now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-5', now)).toBeUndefined();
  });

  // Date.parse (V8) takes more than HTTP dates: "-5" is 1 May 2001 (in the past: a retry at once), "1.5" 5 January
  // 2001, an ISO date is no HTTP date. Only delay-seconds and dates that name their weekday and month are read.
  it.each(['-5', '1.5', '+3', '2026-01-01T00:00:30Z', '3 s', '0x10'])('does not take %j for a wait', value => {
    expect(retryAfterMs(value, now)).toBeUndefined();
  });
});
