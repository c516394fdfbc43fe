import { ImportSettingError, TokenRequestError } from './errors';
import { discoverEndpoints, refusalReason, type TokenEndpointBody } from './oidcDiscovery';
import type { TokenSource } from './tokenSource';

/** The OAuth 2.0 client-credentials grant at an OpenID Connect provider. */
export interface ClientCredentialsSettings {
  /** Issuer URL; the token endpoint is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Sent with HTTP Basic authentication (client_secret_basic). Never logged. */
  clientSecret: string;
  /** Space-separated scopes to ask for, e.g. `system/ImagingStudy.write`. Default: none (the provider's default). */
  scope?: string;
  /** Resource indicator (RFC 8707) to ask the token for. Default: none. */
  resource?: string;
  /** A token is renewed this many seconds before it expires. Default 60. */
  renewBeforeExpirySeconds?: number;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

interface CachedToken {
  token: string;
  /** When the cached token stops being handed out (its expiry minus the renewal margin). */
  renewAtMs: number;
}

/**
 * A token source using the client-credentials grant. It caches the token and fetches a new one when the cached
 * one nears its expiry (`expires_in`) or when the server refused it. Concurrent callers share one request.
 */
export function clientCredentialsTokenSource(settings: ClientCredentialsSettings): TokenSource {
  const issuer = assertUrl(settings.issuer, 'issuer');
  for (const key of ['clientId', 'clientSecret'] as const) {
    if (typeof settings[key] !== 'string' || settings[key] === '') {
      throw new ImportSettingError(key, 'must be a non-empty string');
    }
  }
  const fetchImpl = settings.fetch ?? fetch;
  const now = settings.now ?? Date.now;
  const marginMs = (settings.renewBeforeExpirySeconds ?? 60) * 1000;
  let tokenEndpoint: Promise<string> | undefined;
  let cached: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  const requestToken = async (): Promise<string> => {
    tokenEndpoint ??= discoverEndpoints(issuer, fetchImpl)
      .then(endpoints => endpoints.token_endpoint)
      .catch(error => {
        tokenEndpoint = undefined; // a later call may try again
        throw error;
      });
    const endpoint = await tokenEndpoint;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (settings.scope) form.set('scope', settings.scope);
    if (settings.resource) form.set('resource', settings.resource);
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
    const basic = Buffer.from(`${formEncode(settings.clientId)}:${formEncode(settings.clientSecret)}`).toString(
      'base64',
    );
    const startedMs = now();
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    }).catch((error: unknown) => {
      throw new TokenRequestError(`Cannot reach the token endpoint ${endpoint}: ${(error as Error).message}`, {
        cause: error,
      });
    });
    const body = (await response.json().catch(() => ({}))) as TokenEndpointBody;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = refusalReason(response.status, body);
      throw new TokenRequestError(
        `The token endpoint ${endpoint} refused the client-credentials request (${reason}): check --client-id, the client secret and --scope`,
      );
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 300) * 1000;
    cached = { token: body.access_token, renewAtMs: startedMs + Math.max(lifetimeMs - marginMs, lifetimeMs / 2) };
    return body.access_token;
  };

  const fetchShared = (): Promise<string> => {
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async getToken() {
      if (cached && now() < cached.renewAtMs) return cached.token;
      return fetchShared();
    },
    async renewToken() {
      cached = undefined;
      return fetchShared();
    },
  };
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function assertUrl(value: unknown, setting: string): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/.test(value)) {
    throw new ImportSettingError(setting, `must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value;
}
