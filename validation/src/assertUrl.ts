import type { SettingsPath } from './SettingsPath';

/** Host names that reach this machine only: plain http is safe there (the local stack), nowhere else. */
export const loopbackHosts: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True for `localhost`, `127.0.0.1` and `[::1]` (a URL's `hostname`). */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.includes(hostname);
}

export interface UrlRule {
  /**
   * `https-or-loopback-http` (default): https, or http on a loopback host, the rule of every URL a token or a
   * sign-in goes to. `https`: https only (production redirect URLs). `http-or-https`: either, anywhere (a
   * test-only service the caller fenced in itself).
   */
  schemes?: 'https-or-loopback-http' | 'https' | 'http-or-https';
  /** What to write when the value is no absolute URL, e.g. `an absolute https URL (the issuer URL)`. */
  expected: string;
  /**
   * The problem when the scheme is refused. Default `must use https (plain http only on localhost, 127.0.0.1 or
   * [::1])`.
   */
  insecure?: string;
}

const defaultInsecure = 'must use https (plain http only on localhost, 127.0.0.1 or [::1])';

/** The value as given (not normalised) when it is an absolute URL the rule allows. */
export function assertUrl(value: unknown, at: SettingsPath, rule: UrlRule): string {
  const url = parseUrl(value);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) at.expected(rule.expected, value);
  const schemes = rule.schemes ?? 'https-or-loopback-http';
  const allowed =
    url.protocol === 'https:' ||
    schemes === 'http-or-https' ||
    (schemes === 'https-or-loopback-http' && isLoopbackHost(url.hostname));
  if (!allowed) at.fail(`${rule.insecure ?? defaultInsecure}${at.got(value)}`);
  return value as string;
}

/** `URL.parse`, which the browsers the extension supports do not all have (Safari before 18). */
function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
