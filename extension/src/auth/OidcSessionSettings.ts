import {
  assertBoolean,
  assertInteger,
  assertKnownKeys,
  assertNonEmptyString,
  assertNumber,
  assertObject,
  assertOneOf,
  assertUrl,
  optional,
  SettingsPath,
} from 'ohif-healthimaging-validation';
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

/**
 * The `auth` block as app-config gives it: `authority` and `clientId`, and any other key of `OidcSessionSettings`
 * to override its default (`refreshRetry` key by key).
 */
export type OidcSessionSettingsInput = Partial<Omit<OidcSessionSettings, 'authority' | 'clientId' | 'refreshRetry'>> &
  Pick<OidcSessionSettings, 'authority' | 'clientId'> & { refreshRetry?: Partial<BackoffSettings> };

const knownKeys: readonly (keyof OidcSessionSettings)[] = [
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
const backoffKeys: readonly (keyof BackoffSettings)[] = ['maxAttempts', 'baseDelayMs', 'maxDelayMs'];
const tokenStorages: readonly TokenStorage[] = ['session', 'memory', 'local'];
const identityProviderKinds: readonly IdentityProviderKind[] = ['oidc', 'cognito'];

export const defaultScope = 'openid profile';
export const defaultRefreshMarginSeconds = 60;
export const defaultTokenStorage: TokenStorage = 'session';
export const defaultIdentityProvider: IdentityProviderKind = 'oidc';
export const defaultRevokeOnSignOut = true;
export const defaultSignInLoopWindowSeconds = 300;
export const defaultTokenRequestTimeoutSeconds = 10;
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
  const at = new SettingsPath(path, (key, problem) => new OidcSessionSettingsError(key, problem));
  const auth = assertObject(input, at, 'an object with at least authority and clientId');
  assertKnownKeys(auth, knownKeys, at);
  const key = (name: keyof OidcSessionSettings) => at.child(name);
  const provider = optional(auth.provider, defaultIdentityProvider, value =>
    assertOneOf(value, identityProviderKinds, key('provider')),
  );
  const scope = optional(auth.scope, defaultScope, value => assertNonEmptyString(value, key('scope')));
  if (!scope.split(/\s+/).includes('openid')) key('scope').fail(`must include openid${key('scope').got(scope)}`);
  const issuerExample = 'the issuer URL, e.g. https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123';
  const authority = httpUrl(auth.authority, key('authority'), issuerExample);
  // The session compares it with the tokens' iss claim, which never has either.
  if (/[?#]/.test(authority))
    key('authority').expected("the issuer URL without query or fragment, exactly the tokens' iss claim", authority);
  const seconds = (name: keyof OidcSessionSettings, fallback: number, range: { min?: number; above?: number }) =>
    optional(auth[name], fallback, value => assertNumber(value, key(name), range));
  const redirectUri = redirectUrl(
    auth.redirectUri ?? `${viewerOrigin}/callback`,
    key('redirectUri'),
    'the sign-in callback URL on the viewer origin',
  );
  const settings: OidcSessionSettings = {
    authority: authority.replace(/\/+$/, ''),
    clientId: assertNonEmptyString(auth.clientId, key('clientId')),
    scope,
    redirectUri: sameOrigin(redirectUri, viewerOrigin, key('redirectUri')),
    postLogoutRedirectUri: redirectUrl(
      auth.postLogoutRedirectUri ?? `${viewerOrigin}/`,
      key('postLogoutRedirectUri'),
      'the page to return to after sign-out',
    ),
    refreshMarginSeconds: seconds('refreshMarginSeconds', defaultRefreshMarginSeconds, { min: 0 }),
    storage: optional(auth.storage, defaultTokenStorage, value => assertOneOf(value, tokenStorages, key('storage'))),
    provider,
    extraQueryParams: optional<Record<string, string>>(auth.extraQueryParams, {}, value =>
      stringRecord(value, key('extraQueryParams')),
    ),
    revokeOnSignOut: optional(auth.revokeOnSignOut, defaultRevokeOnSignOut, value =>
      assertBoolean(value, key('revokeOnSignOut')),
    ),
    signInLoopWindowSeconds: seconds('signInLoopWindowSeconds', defaultSignInLoopWindowSeconds, { min: 0 }),
    tokenRequestTimeoutSeconds: seconds('tokenRequestTimeoutSeconds', defaultTokenRequestTimeoutSeconds, { above: 0 }),
    refreshRetry: backoff(auth.refreshRetry, key('refreshRetry')),
  };
  if (auth.resource !== undefined) {
    settings.resource = redirectUrl(auth.resource, key('resource'), 'the resource indicator, an absolute URL');
  }
  if (provider === 'cognito') {
    settings.cognitoDomain = hostedUiOrigin(auth.cognitoDomain, key('cognitoDomain'));
  } else if (auth.cognitoDomain !== undefined) {
    key('cognitoDomain').fail('is only used with provider "cognito"; remove it for a generic OpenID Connect provider');
  }
  return settings;
}

function backoff(value: unknown, at: SettingsPath, defaults: BackoffSettings = defaultRefreshRetry): BackoffSettings {
  if (value === undefined) return { ...defaults };
  const retry = assertObject(value, at, 'an object { maxAttempts, baseDelayMs, maxDelayMs }');
  assertKnownKeys(retry, backoffKeys, at);
  const maxAttempts = optional(retry.maxAttempts, defaults.maxAttempts, v =>
    assertInteger(v, at.child('maxAttempts'), { min: 1 }),
  );
  const delay = (name: 'baseDelayMs' | 'maxDelayMs') =>
    optional(retry[name], defaults[name], v => assertNumber(v, at.child(name), { min: 0 }));
  const baseDelayMs = delay('baseDelayMs');
  const maxDelayMs = delay('maxDelayMs');
  if (maxDelayMs < baseDelayMs)
    at.child('maxDelayMs').fail(`must be at least baseDelayMs (${baseDelayMs}); got ${maxDelayMs}`);
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/** A URL a token or a sign-in goes to: required, https unless on loopback. */
function httpUrl(value: unknown, at: SettingsPath, what: string): string {
  if (value === undefined) at.fail(`is required: ${what}`);
  return assertUrl(value, at, { expected: `an absolute https URL (${what})` });
}

/** A URL the provider redirects to: RFC 6749 (3.1.2) and RFC 8707 (2) allow no fragment in it. */
function redirectUrl(value: unknown, at: SettingsPath, what: string): string {
  const url = httpUrl(value, at, what);
  if (url.includes('#')) at.expected(`an absolute URL without fragment (${what})`, url);
  return url;
}

function sameOrigin(url: string, viewerOrigin: string, at: SettingsPath): string {
  if (new URL(url).origin !== new URL(viewerOrigin).origin) {
    at.fail(`must be on the viewer's origin ${viewerOrigin}, which completes the sign-in${at.got(url)}`);
  }
  return url;
}

/**
 * The Cognito hosted UI domain, origin only (a trailing slash is forgiven): sign-out and revocation paths are fixed.
 */
function hostedUiOrigin(value: unknown, at: SettingsPath): string {
  const example = 'e.g. https://my-viewer.auth.us-east-1.amazoncognito.com';
  const domain = httpUrl(value, at, `the Cognito hosted UI domain, ${example}`);
  const { origin } = new URL(domain);
  if (domain.replace(/\/$/, '') !== origin)
    at.expected(`the hosted UI origin for provider "cognito" (no path), ${example}`, domain);
  return origin;
}

function stringRecord(value: unknown, at: SettingsPath): Record<string, string> {
  const expected = 'an object of string values';
  const record = assertObject(value, at, expected);
  if (Object.values(record).some(item => typeof item !== 'string')) at.expected(expected, value);
  return { ...(record as Record<string, string>) };
}
