import type { BackoffSettings } from 'ohif-healthimaging-retry';
import { OidcSessionSettingsError } from './errors';

/** Where the signed-in user (tokens included) is kept between page loads. */
export type TokenStorage = 'session' | 'memory' | 'local';

/** Which kind of identity provider: they differ only in how sign-out works. */
export type IdentityProviderKind = 'oidc' | 'cognito';

/**
 * The `auth` block of the data source configuration: the viewer's OpenID Connect client. All URLs are absolute.
 * Produced by `resolveOidcSessionSettings`, which applies the defaults documented on each field.
 */
export interface OidcSessionSettings {
  /**
   * Issuer URL; its `/.well-known/openid-configuration` is read for the endpoints. For Cognito
   * `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. Required; https unless the host is a loopback name.
   */
  authority: string;
  /** The viewer's public client id (no secret: authorization code flow with PKCE). Required. */
  clientId: string;
  /**
   * Space-separated scopes. Default `openid profile`. The session needs a refresh token: Cognito always issues one
   * in the code flow; other providers may want `offline_access` added here.
   */
  scope: string;
  /**
   * Where the identity provider sends the browser back with `?code=&state=`. Must be on the viewer's origin; any
   * path works, because the session completes the sign-in before OHIF's routes render and then puts the URL the
   * user asked for back in the address bar. Default `<viewer origin>/callback` (register it at the provider).
   */
  redirectUri: string;
  /** Where the provider's logout sends the browser afterwards. Default `<viewer origin>/`. */
  postLogoutRedirectUri: string;
  /**
   * Refresh this many seconds before the access token expires. Default 60. For short-lived tokens it is clamped to
   * half the token's lifetime, so a 60 s token is refreshed after 30 s.
   */
  refreshMarginSeconds: number;
  /**
   * `session` (default): sessionStorage, per tab, survives reloads, gone when the tab closes. `memory`: nothing
   * survives a reload (each reload goes back to the provider, which may sign in silently with its own cookie).
   * `local`: localStorage, shared by tabs and kept after closing: only where that is acceptable; never the default.
   * The short-lived sign-in request state (PKCE verifier) is always kept in sessionStorage.
   */
  storage: TokenStorage;
  /** `oidc` (default): standard end_session_endpoint logout. `cognito`: Cognito's hosted UI `/logout`. */
  provider: IdentityProviderKind;
  /**
   * Cognito hosted UI domain (`https://<prefix>.auth.<region>.amazoncognito.com` or a custom domain), origin only.
   * Required when `provider` is `cognito`: its `/logout?client_id=&logout_uri=` ends the session (Cognito's
   * discovery document has no end_session_endpoint) and its `/oauth2/revoke` revokes the refresh token.
   */
  cognitoDomain?: string;
  /** Extra parameters for the authorization request, e.g. `{ "identity_provider": "Okta" }`. Default none. */
  extraQueryParams: Record<string, string>;
  /** RFC 8707 resource indicator sent with the authorization and token requests, when the provider needs one. */
  resource?: string;
  /** Revoke the refresh token (and access token where supported) on sign-out. Default true. */
  revokeOnSignOut: boolean;
  /**
   * Sign-in loop guard, in seconds. Default 300. When the refresh token is refused (`invalid_grant`) the session
   * redirects to the provider once; if it is refused again within this window after coming back, the session
   * stops and reports `sign-in-required` instead of redirecting again.
   */
  signInLoopWindowSeconds: number;
  /** Timeout of each token request, in seconds. Default 10. */
  tokenRequestTimeoutSeconds: number;
  /**
   * Retries of a refresh that failed for a transient reason (network, timeout, 5xx).
   * Default `{ maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30000 }` (full jitter).
   */
  refreshRetry: BackoffSettings;
}

const knownKeys = [
  'authority',
  'clientId',
  'scope',
  'redirectUri',
  'postLogoutRedirectUri',
  'refreshMarginSeconds',
  'storage',
  'provider',
  'cognitoDomain',
  'extraQueryParams',
  'resource',
  'revokeOnSignOut',
  'signInLoopWindowSeconds',
  'tokenRequestTimeoutSeconds',
  'refreshRetry',
];

export const defaultRefreshRetry: BackoffSettings = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Checks the `auth` block and returns it with defaults applied. `viewerOrigin` is the origin the viewer is served
 * from (`window.location.origin`); `path` is where the block sits in app-config, so messages point at it.
 * Throws `OidcSessionSettingsError` naming the first wrong key.
 */
export function resolveOidcSessionSettings(
  input: unknown,
  { viewerOrigin, path = 'auth' }: { viewerOrigin: string; path?: string },
): OidcSessionSettings {
  if (!isPlainObject(input)) {
    throw new OidcSessionSettingsError(path, 'must be an object with at least authority and clientId');
  }
  const unknown = Object.keys(input).filter(key => !knownKeys.includes(key));
  if (unknown.length > 0) {
    throw new OidcSessionSettingsError(
      `${path}.${unknown[0]}`,
      `is not a known key; the known keys are ${knownKeys.join(', ')}`,
    );
  }
  const key = (name: string) => `${path}.${name}`;
  const provider = oneOf(input.provider ?? 'oidc', ['oidc', 'cognito'] as const, key('provider'));
  const scope = nonEmptyString(input.scope ?? 'openid profile', key('scope'));
  if (!scope.split(/\s+/).includes('openid')) {
    throw new OidcSessionSettingsError(key('scope'), `must include openid; got ${JSON.stringify(scope)}`);
  }
  const settings: OidcSessionSettings = {
    authority: httpUrl(input.authority, key('authority'), 'the issuer URL, e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123').replace(/\/+$/, ''),
    clientId: nonEmptyString(input.clientId, key('clientId')),
    scope,
    redirectUri: sameOrigin(input.redirectUri ?? `${viewerOrigin}/callback`, viewerOrigin, key('redirectUri')),
    postLogoutRedirectUri: httpUrl(input.postLogoutRedirectUri ?? `${viewerOrigin}/`, key('postLogoutRedirectUri'), 'the page to return to after sign-out'),
    refreshMarginSeconds: nonNegativeNumber(input.refreshMarginSeconds ?? 60, key('refreshMarginSeconds')),
    storage: oneOf(input.storage ?? 'session', ['session', 'memory', 'local'] as const, key('storage')),
    provider,
    extraQueryParams: stringRecord(input.extraQueryParams ?? {}, key('extraQueryParams')),
    revokeOnSignOut: boolean(input.revokeOnSignOut ?? true, key('revokeOnSignOut')),
    signInLoopWindowSeconds: nonNegativeNumber(input.signInLoopWindowSeconds ?? 300, key('signInLoopWindowSeconds')),
    tokenRequestTimeoutSeconds: positiveNumber(input.tokenRequestTimeoutSeconds ?? 10, key('tokenRequestTimeoutSeconds')),
    refreshRetry: backoff(input.refreshRetry, key('refreshRetry')),
  };
  if (input.resource !== undefined) {
    settings.resource = httpUrl(input.resource, key('resource'), 'the resource indicator (an absolute URL)');
  }
  if (provider === 'cognito') {
    const domain = httpUrl(input.cognitoDomain, key('cognitoDomain'), 'the Cognito hosted UI domain, e.g. https://my-viewer.auth.us-east-1.amazoncognito.com');
    settings.cognitoDomain = new URL(domain).origin;
  } else if (input.cognitoDomain !== undefined) {
    throw new OidcSessionSettingsError(key('cognitoDomain'), 'is only used with provider "cognito"');
  }
  return settings;
}

function backoff(value: unknown, key: string, defaults: BackoffSettings = defaultRefreshRetry): BackoffSettings {
  if (value === undefined) {
    return { ...defaults };
  }
  if (!isPlainObject(value)) {
    throw new OidcSessionSettingsError(key, 'must be an object { maxAttempts, baseDelayMs, maxDelayMs }');
  }
  const extra = Object.keys(value).find(name => !['maxAttempts', 'baseDelayMs', 'maxDelayMs'].includes(name));
  if (extra !== undefined) {
    throw new OidcSessionSettingsError(`${key}.${extra}`, 'is not a known key; the known keys are maxAttempts, baseDelayMs, maxDelayMs');
  }
  const maxAttempts = value.maxAttempts ?? defaults.maxAttempts;
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new OidcSessionSettingsError(`${key}.maxAttempts`, `must be an integer of at least 1; got ${JSON.stringify(maxAttempts)}`);
  }
  const baseDelayMs = nonNegativeNumber(value.baseDelayMs ?? defaults.baseDelayMs, `${key}.baseDelayMs`);
  const maxDelayMs = nonNegativeNumber(value.maxDelayMs ?? defaults.maxDelayMs, `${key}.maxDelayMs`);
  if (maxDelayMs < baseDelayMs) {
    throw new OidcSessionSettingsError(`${key}.maxDelayMs`, `must be at least baseDelayMs (${baseDelayMs}); got ${maxDelayMs}`);
  }
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

function httpUrl(value: unknown, key: string, what: string): string {
  if (value === undefined) {
    throw new OidcSessionSettingsError(key, `is required: ${what}`);
  }
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || !['https:', 'http:'].includes(url.protocol)) {
    throw new OidcSessionSettingsError(key, `must be an absolute https URL (${what}); got ${JSON.stringify(value)}`);
  }
  if (url.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    throw new OidcSessionSettingsError(key, `must use https (plain http only for localhost or 127.0.0.1); got ${JSON.stringify(value)}`);
  }
  return value as string;
}

function sameOrigin(value: unknown, viewerOrigin: string, key: string): string {
  const url = httpUrl(value, key, 'the sign-in callback URL on the viewer origin');
  if (new URL(url).origin !== new URL(viewerOrigin).origin) {
    throw new OidcSessionSettingsError(key, `must be on the viewer's origin ${viewerOrigin}, which completes the sign-in; got ${JSON.stringify(value)}`);
  }
  return url;
}

function nonEmptyString(value: unknown, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    const got = value === undefined ? 'it is missing' : `got ${JSON.stringify(value)}`;
    throw new OidcSessionSettingsError(key, `must be a non-empty string; ${got}`);
  }
  return value;
}

function nonNegativeNumber(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OidcSessionSettingsError(key, `must be a number of at least 0; got ${JSON.stringify(value)}`);
  }
  return value;
}

function positiveNumber(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new OidcSessionSettingsError(key, `must be a number greater than 0; got ${JSON.stringify(value)}`);
  }
  return value;
}

function boolean(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean') {
    throw new OidcSessionSettingsError(key, `must be true or false; got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], key: string): T {
  if (!allowed.includes(value as T)) {
    throw new OidcSessionSettingsError(key, `must be one of ${allowed.map(v => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function stringRecord(value: unknown, key: string): Record<string, string> {
  if (!isPlainObject(value) || Object.values(value).some(v => typeof v !== 'string')) {
    throw new OidcSessionSettingsError(key, `must be an object of string values; got ${JSON.stringify(value)}`);
  }
  return { ...(value as Record<string, string>) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
