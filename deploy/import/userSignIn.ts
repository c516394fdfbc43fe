import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ImportSettingError, TokenRequestError } from './errors';
import { discoverEndpoints, refusalReason, type TokenEndpointBody } from './oidcDiscovery';
import type { TokenSource } from './tokenSource';

/** The loopback port `--sign-in` listens on unless `--redirect-port` says otherwise. */
export const defaultRedirectPort = 8765;

/** Where the provider sends the person's browser back to: register it for the public client. */
export function loopbackRedirectUri(port = defaultRedirectPort): string {
  return `http://127.0.0.1:${port}/callback`;
}

/** Signing a person in from the command line: authorization code + PKCE with a loopback redirect (RFC 8252). */
export interface UserSignInSettings {
  issuer: string;
  /** A public client (no secret) that allows `http://127.0.0.1:<redirectPort>/callback` as a redirect URI. */
  clientId: string;
  /** Default `openid profile`. */
  scope?: string;
  /** The loopback port the provider sends the browser back to. Default 8765. */
  redirectPort?: number;
  /** Shows the person the URL to open in a browser (the import prints it on stderr). */
  presentUrl: (url: string) => void;
  /** How long to wait for the person to sign in, in milliseconds. Default 5 minutes. */
  timeoutMs?: number;
  /** A token is renewed (refresh token grant) this many seconds before it expires. Default 60. */
  renewBeforeExpirySeconds?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  renewAtMs: number;
}

/**
 * A token source for an importer signed in as a person: on the first `getToken()` it prints the authorization URL,
 * waits on 127.0.0.1 for the provider's redirect, checks `state`, and exchanges the code (PKCE S256). Later tokens
 * come from the refresh token; when the provider refuses it, `renewToken()` gives `undefined` and the import stops.
 */
export function userSignInTokenSource(settings: UserSignInSettings): TokenSource {
  if (!/^https?:\/\/\S+$/.test(settings.issuer)) {
    throw new ImportSettingError('--issuer', `must be an http(s) URL, got ${JSON.stringify(settings.issuer)}`);
  }
  if (typeof settings.clientId !== 'string' || settings.clientId === '') {
    throw new ImportSettingError('--client-id', 'must be a non-empty string');
  }
  const port = settings.redirectPort ?? defaultRedirectPort;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ImportSettingError('--redirect-port', `must be a port number from 1 to 65535, got ${port}`);
  }
  const fetchImpl = settings.fetch ?? fetch;
  const now = settings.now ?? Date.now;
  const marginMs = (settings.renewBeforeExpirySeconds ?? 60) * 1000;
  const redirectUri = loopbackRedirectUri(port);
  let tokens: Tokens | undefined;
  let pending: Promise<Tokens> | undefined;

  const tokenRequest = async (form: Record<string, string>, what: string): Promise<Tokens> => {
    const { token_endpoint: endpoint } = await discoverEndpoints(settings.issuer, fetchImpl);
    const startedMs = now();
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...form, client_id: settings.clientId }).toString(),
    }).catch((error: unknown) => {
      throw new TokenRequestError(`Cannot reach the token endpoint ${endpoint}: ${(error as Error).message}`, {
        cause: error,
      });
    });
    const body = (await response.json().catch(() => ({}))) as TokenEndpointBody;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new TokenRequestError(
        `The token endpoint ${endpoint} refused the ${what} (${refusalReason(response.status, body)})`,
      );
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 300) * 1000;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      renewAtMs: startedMs + Math.max(lifetimeMs - marginMs, lifetimeMs / 2),
    };
  };

  const signIn = async (): Promise<Tokens> => {
    const endpoints = await discoverEndpoints(settings.issuer, fetchImpl);
    if (endpoints.authorization_endpoint === undefined) {
      throw new TokenRequestError(`${settings.issuer} names no authorization_endpoint: it cannot sign a person in`);
    }
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const url = new URL(endpoints.authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: settings.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: settings.scope ?? 'openid profile',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const code = await awaitRedirect(port, state, settings.timeoutMs ?? 5 * 60_000, () =>
      settings.presentUrl(url.href),
    );
    return tokenRequest(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier },
      'sign-in code',
    );
  };

  const shared = (next: () => Promise<Tokens>): Promise<string> => {
    pending ??= next()
      .then(fresh => (tokens = fresh))
      .finally(() => (pending = undefined));
    return pending.then(fresh => fresh.accessToken);
  };

  return {
    async getToken() {
      if (tokens && now() < tokens.renewAtMs) return tokens.accessToken;
      const refreshToken = tokens?.refreshToken;
      return shared(() =>
        refreshToken
          ? tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh token')
          : signIn(),
      );
    },
    async renewToken() {
      const refreshToken = tokens?.refreshToken;
      if (refreshToken === undefined) return undefined;
      return shared(() =>
        tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh token'),
      ).catch(() => undefined);
    },
  };
}

/** Listens on 127.0.0.1:`port` for the provider's redirect to /callback and resolves with its code. */
function awaitRedirect(port: number, state: string, timeoutMs: number, listening: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let server: Server | undefined = undefined;
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      server?.close();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new TokenRequestError(`Nobody signed in within ${Math.round(timeoutMs / 1000)} s: run the import again`),
          ),
        ),
      timeoutMs,
    );
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname !== '/callback') {
        response.writeHead(404).end();
        return;
      }
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      const ok = error === null && code !== null && url.searchParams.get('state') === state;
      response.writeHead(ok ? 200 : 400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end(
        ok
          ? 'Signed in. You can close this tab; the import goes on in the terminal.\n'
          : 'Signing in failed; see the terminal.\n',
      );
      finish(() =>
        ok
          ? resolve(code)
          : reject(
              new TokenRequestError(
                error !== null
                  ? `The provider refused the sign-in (${error}${url.searchParams.get('error_description') ? `: ${url.searchParams.get('error_description')}` : ''})`
                  : 'The sign-in redirect carried another state or no code: sign in again from the URL this import prints',
              ),
            ),
      );
    });
    server.once('error', (listenError: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          new ImportSettingError(
            '--redirect-port',
            listenError.code === 'EADDRINUSE'
              ? `${port} is taken by another program: choose another one`
              : `cannot listen on ${port}: ${listenError.message}`,
          ),
        ),
      ),
    );
    server.listen(port, '127.0.0.1', listening);
  });
}
