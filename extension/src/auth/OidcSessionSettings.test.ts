import { SettingsError } from 'ohif-healthimaging-validation';
import { OidcSessionSettingsError } from './errors';
import { resolveOidcSessionSettings } from './OidcSessionSettings';

const viewerOrigin = 'https://viewer.example.com';
const minimal = { authority: 'https://idp.example.com/realms/x/', clientId: 'viewer' };

describe('resolveOidcSessionSettings', () => {
  it('applies the documented defaults', () => {
    expect(resolveOidcSessionSettings(minimal, { viewerOrigin })).toEqual({
      authority: 'https://idp.example.com/realms/x',
      clientId: 'viewer',
      scope: 'openid profile',
      redirectUri: 'https://viewer.example.com/callback',
      postLogoutRedirectUri: 'https://viewer.example.com/',
      refreshMarginSeconds: 60,
      storage: 'session',
      provider: 'oidc',
      extraQueryParams: {},
      revokeOnSignOut: true,
      signInLoopWindowSeconds: 300,
      tokenRequestTimeoutSeconds: 10,
      refreshRetry: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
    });
  });

  it('takes a Cognito configuration and keeps the hosted UI origin only', () => {
    const settings = resolveOidcSessionSettings(
      {
        authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123',
        clientId: 'abc',
        provider: 'cognito',
        cognitoDomain: 'https://viewer.auth.us-east-1.amazoncognito.com/',
        storage: 'memory',
        extraQueryParams: { identity_provider: 'Okta' },
        refreshRetry: { maxAttempts: 2 },
      },
      { viewerOrigin },
    );
    expect(settings.cognitoDomain).toBe('https://viewer.auth.us-east-1.amazoncognito.com');
    expect(settings.storage).toBe('memory');
    expect(settings.extraQueryParams).toEqual({ identity_provider: 'Okta' });
    expect(settings.refreshRetry).toEqual({ maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 30_000 });
  });

  it('allows plain http for a loopback provider (the local stack)', () => {
    expect(
      resolveOidcSessionSettings(
        { authority: 'http://127.0.0.1:5001', clientId: 'ohif-viewer' },
        { viewerOrigin: 'http://127.0.0.1:3000' },
      ).redirectUri,
    ).toBe('http://127.0.0.1:3000/callback');
  });

  it.each([
    ['not an object', 'x', 'auth must be an object with at least authority and clientId'],
    ['no authority', { clientId: 'viewer' }, 'auth.authority is required'],
    [
      'an authority that is not a URL',
      { ...minimal, authority: 'idp.example.com' },
      'auth.authority must be an absolute https URL',
    ],
    [
      'plain http to a remote provider',
      { ...minimal, authority: 'http://idp.example.com' },
      'auth.authority must use https',
    ],
    ['no client id', { authority: minimal.authority }, 'auth.clientId must be a non-empty string; it is missing'],
    ['a scope without openid', { ...minimal, scope: 'profile' }, 'auth.scope must include openid'],
    [
      'a redirect URI on another origin',
      { ...minimal, redirectUri: 'https://evil.example.com/callback' },
      "auth.redirectUri must be on the viewer's origin",
    ],
    [
      'a negative margin',
      { ...minimal, refreshMarginSeconds: -1 },
      'auth.refreshMarginSeconds must be a number of at least 0',
    ],
    [
      'an unknown storage',
      { ...minimal, storage: 'cookie' },
      'auth.storage must be one of "session", "memory", "local"',
    ],
    ['Cognito without its domain', { ...minimal, provider: 'cognito' }, 'auth.cognitoDomain is required'],
    [
      'a Cognito domain for another provider',
      { ...minimal, cognitoDomain: 'https://x.auth.us-east-1.amazoncognito.com' },
      'auth.cognitoDomain is only used with provider "cognito"',
    ],
    [
      'non-string query parameters',
      { ...minimal, extraQueryParams: { a: 1 } },
      'auth.extraQueryParams must be an object of string values',
    ],
    [
      'revokeOnSignOut as a string',
      { ...minimal, revokeOnSignOut: 'yes' },
      'auth.revokeOnSignOut must be true or false',
    ],
    [
      'zero attempts',
      { ...minimal, refreshRetry: { maxAttempts: 0 } },
      'auth.refreshRetry.maxAttempts must be an integer of at least 1',
    ],
    [
      'an unknown retry key',
      { ...minimal, refreshRetry: { retries: 3 } },
      'auth.refreshRetry.retries is not a known key',
    ],
    [
      'a misspelt key',
      { ...minimal, clientID: 'viewer' },
      'auth.clientID is not a known key; the known keys are authority, clientId',
    ],
    [
      'an authority with a query',
      { ...minimal, authority: 'https://idp.example.com/?tenant=x' },
      "auth.authority must be the issuer URL without query or fragment, exactly the tokens' iss claim",
    ],
    [
      'a redirect URI with a fragment',
      { ...minimal, redirectUri: 'https://viewer.example.com/callback#x' },
      'auth.redirectUri must be an absolute URL without fragment',
    ],
    [
      'a Cognito domain with a path',
      { ...minimal, provider: 'cognito', cognitoDomain: 'https://x.auth.us-east-1.amazoncognito.com/login' },
      'auth.cognitoDomain must be the hosted UI origin for provider "cognito" (no path)',
    ],
    [
      'a default redirect URI over plain http off loopback',
      { ...minimal },
      'auth.redirectUri must use https',
      'http://viewer.example.com',
    ],
  ])('rejects %s with a message naming the key', (_case, input, message, origin = viewerOrigin) => {
    expect(() => resolveOidcSessionSettings(input, { viewerOrigin: origin })).toThrow(OidcSessionSettingsError);
    expect(() => resolveOidcSessionSettings(input, { viewerOrigin: origin })).toThrow(message);
  });

  it('names the place in app-config it was given', () => {
    expect(() => resolveOidcSessionSettings({}, { viewerOrigin, path: 'dataSources[0].configuration.auth' })).toThrow(
      'dataSources[0].configuration.auth.authority is required',
    );
  });

  it('reports as an app-config SettingsError with the key path', () => {
    const error = (() => {
      try {
        resolveOidcSessionSettings(
          { ...minimal, scope: 'profile' },
          { viewerOrigin, path: 'dataSources[0].configuration.auth' },
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SettingsError);
    expect(error).toMatchObject({
      source: 'app-config',
      key: 'dataSources[0].configuration.auth.scope',
      problem: 'must include openid; got "profile"',
    });
  });
});
