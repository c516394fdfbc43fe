/**
 * The wait a `Retry-After` header asks for, in milliseconds from `nowMs`: either delay-seconds (`120`) or an
 * HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`). Undefined when the header is absent or unreadable; never negative.
 */
export function retryAfterMs(headerValue: string | null, nowMs: number): number | undefined {
  if (headerValue === null || headerValue.trim() === '') {
    return undefined;
  }
  const value = headerValue.trim();
  if (/^\d+$/.test(value)) {
    return Number(value) * 1000;
  }
  // An HTTP date names its weekday and month; Date.parse alone would also take "-5" (as 1 May 2001: a retry at once).
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
