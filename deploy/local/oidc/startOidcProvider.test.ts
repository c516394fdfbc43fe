// The real provider in a child process (oidc-provider is ESM-only, jest runs CommonJS), spoken to over HTTP.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { wrongCredentialsMessage } from './htmlPages';
import type { OidcProviderOptions } from './OidcProviderOptions';
import { CookieJar } from './testing/CookieJar';
import { signInOverHttp, SignInRejectedError } from './testing/signInOverHttp';
import { signOutOverHttp } from './testing/signOutOverHttp';
import { startOidcProviderProcess, type OidcProviderProcess } from './testing/startOidcProviderProcess';
import { importerTokenOverHttp, refreshOverHttp } from './testing/tokenRequests';
import { verifyJwtWithJwks } from './testing/verifyJwtWithJwks';

jest.setTimeout(60_000);

const viewerOrigin = 'http://127.0.0.1:3999';
const redirectUri = `${viewerOrigin}/callback`;
const postLogoutRedirectUri = `${viewerOrigin}/signed-out`;
const resource = 'http://127.0.0.1:5998/datastore/0123456789abcdef0123456789abcdef';
const readScope = 'user/ImagingStudy.read';
const writeScope = 'user/ImagingStudy.write';

function optionsFor(dataDir: string): OidcProviderOptions {
  return {
    dataDir,
    resource,
    accessTokenTtlSeconds: 10,
    viewer: { redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutRedirectUri] },
    importer: { clientSecret: 'test-importer-secret' },
    testControl: true,
  };
}

async function revoke(issuer: string, token: string): Promise<number> {
  const response = await fetch(`${issuer}/token/revocation`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, token_type_hint: 'refresh_token', client_id: 'ohif-viewer' }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('the local OIDC provider', () => {
  let dataDir: string;
  let provider: OidcProviderProcess;
  const signIn = (username: string, password: string, scope = `openid profile ${readScope}`, cookieJar?: CookieJar) =>
    signInOverHttp({
      issuer: provider.issuer,
      username,
      password,
      redirectUri,
      scope,
      ...(cookieJar && { cookieJar }),
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'oidc-provider-test-'));
    provider = await startOidcProviderProcess(optionsFor(dataDir));
  });

  afterAll(async () => {
    await provider?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes a discovery document for the code flow with PKCE S256, revocation and end-session', async () => {
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`, {
      headers: { Origin: viewerOrigin },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(viewerOrigin);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: provider.issuer,
      authorization_endpoint: `${provider.issuer}/auth`,
      token_endpoint: `${provider.issuer}/token`,
      jwks_uri: `${provider.issuer}/jwks`,
      revocation_endpoint: `${provider.issuer}/token/revocation`,
      end_session_endpoint: `${provider.issuer}/session/end`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
    // Resource scopes belong to the resource server, not to the OpenID scopes (else sign-in loops on consent).
    expect(discovery.scopes_supported).not.toContain(readScope);
  });

  it('signs a reader in with code + PKCE and issues a signed RS256 JWT access token for the resource', async () => {
    const tokens = await signIn('reader', 'reader-password');

    const { header, payload } = await verifyJwtWithJwks(tokens.accessToken, provider.issuer);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: provider.issuer,
      aud: resource,
      sub: 'reader',
      client_id: 'ohif-viewer',
      scope: readScope,
      groups: ['readers'],
    });
    expect(typeof payload.jti).toBe('string');
    // The configured lifetime (10 s here, 300 s by default).
    expect((payload.exp as number) - (payload.iat as number)).toBe(10);
    expect(tokens.expiresIn).toBe(10);
    expect(tokens.scope).toBe(readScope);

    const idToken = await verifyJwtWithJwks(tokens.idToken, provider.issuer);
    expect(idToken.payload).toMatchObject({
      aud: 'ohif-viewer',
      sub: 'reader',
      name: 'Demo Reader',
      groups: ['readers'],
    });
  });

  it('grants the write scope to an importer user who asks, and never to a reader', async () => {
    const scope = `openid profile ${readScope} ${writeScope}`;
    const importer = await signIn('importer', 'importer-password', scope);
    const reader = await signIn('reader', 'reader-password', scope);

    expect((await verifyJwtWithJwks(importer.accessToken, provider.issuer)).payload).toMatchObject({
      scope: `${readScope} ${writeScope}`,
      groups: ['importers'],
    });
    expect((await verifyJwtWithJwks(reader.accessToken, provider.issuer)).payload.scope).toBe(readScope);
  });

  it('shows an accessible sign-in form and an error for a wrong password', async () => {
    const attempt = signIn('reader', 'not-the-password');
    await expect(attempt).rejects.toBeInstanceOf(SignInRejectedError);
    const page = ((await attempt.catch(error => error)) as SignInRejectedError).page;
    expect(page).toContain(wrongCredentialsMessage);
    expect(page).toMatch(/role="alert"/);
    expect(page).toMatch(/<label for="username">/);
    expect(page).toMatch(/<label for="password">/);
    expect(page).toMatch(/<input id="username" name="username"/);
    expect(page).toMatch(/<input id="password" name="password" type="password"/);
    expect(page).toMatch(/<button id="sign-in" type="submit">/);
  });

  it('explains an expired or unknown sign-in page instead of failing', async () => {
    const response = await fetch(`${provider.issuer}/interaction/unknown-uid`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This sign-in page has expired');
    const elsewhere = await fetch(`${provider.issuer}/no-such-route`);
    expect(elsewhere.status).toBe(404);
  });

  it('signs in again silently while the provider session lasts', async () => {
    const browser = new CookieJar();
    await signIn('reader', 'reader-password', undefined, browser);
    // A wrong password would fail if the form were shown: it is not, the session answers.
    const again = await signIn('reader', 'wrong', undefined, browser);
    expect((await verifyJwtWithJwks(again.accessToken, provider.issuer)).payload.sub).toBe('reader');
  });

  it('rotates refresh tokens, and a reused one is refused with invalid_grant', async () => {
    const tokens = await signIn('reader', 'reader-password');

    const refreshed = await refreshOverHttp(provider.issuer, tokens.refreshToken, { origin: viewerOrigin });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeDefined();
    expect(refreshed.body.refresh_token).not.toBe(tokens.refreshToken);
    const { payload } = await verifyJwtWithJwks(refreshed.body.access_token ?? '', provider.issuer);
    expect(payload).toMatchObject({ aud: resource, sub: 'reader', scope: readScope, groups: ['readers'] });

    const reused = await refreshOverHttp(provider.issuer, tokens.refreshToken);
    expect(reused).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
  });

  it('revokes a refresh token', async () => {
    const tokens = await signIn('reader', 'reader-password');
    expect(await revoke(provider.issuer, tokens.refreshToken)).toBe(200);

    const afterRevocation = await refreshOverHttp(provider.issuer, tokens.refreshToken);
    expect(afterRevocation.status).toBe(400);
    expect(afterRevocation.body.error).toBe('invalid_grant');
  });

  it('signs out (RP-initiated logout) to the registered URI and ends the refresh tokens', async () => {
    const browser = new CookieJar();
    const tokens = await signIn('reader', 'reader-password', undefined, browser);

    const landing = await signOutOverHttp({
      issuer: provider.issuer,
      cookieJar: browser,
      idToken: tokens.idToken,
      postLogoutRedirectUri,
      state: 'after-sign-out',
    });
    expect(landing.href).toBe(`${postLogoutRedirectUri}?state=after-sign-out`);
    expect((await refreshOverHttp(provider.issuer, tokens.refreshToken)).body.error).toBe('invalid_grant');
    // The session is gone: the next sign-in shows the form again (a wrong password is refused).
    await expect(signIn('reader', 'wrong', undefined, browser)).rejects.toBeInstanceOf(SignInRejectedError);
  });

  it('gives the importer client a client_credentials token with the write scope', async () => {
    const granted = await importerTokenOverHttp(provider.issuer, 'test-importer-secret');
    expect(granted.status).toBe(200);
    const { payload } = await verifyJwtWithJwks(granted.body.access_token ?? '', provider.issuer);
    expect(payload).toMatchObject({
      iss: provider.issuer,
      aud: resource,
      sub: 'dicom-importer',
      client_id: 'dicom-importer',
      scope: 'system/ImagingStudy.write',
      groups: ['importers'],
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(10);

    const wrongSecret = await importerTokenOverHttp(provider.issuer, 'wrong-secret');
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
  });

  it('answers CORS for the viewer origin only', async () => {
    const preflight = (origin: string, path: string) =>
      fetch(`${provider.issuer}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });

    for (const path of ['/token', '/token/revocation', '/me']) {
      const allowed = await preflight(viewerOrigin, path);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(viewerOrigin);

      const refused = await preflight('http://127.0.0.1:4999', path);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }

    // The request itself from another origin is refused too (a browser would not even show the answer).
    const tokens = await signIn('reader', 'reader-password');
    const fromElsewhere = await refreshOverHttp(provider.issuer, tokens.refreshToken, {
      origin: 'http://127.0.0.1:4999',
    });
    expect(fromElsewhere.status).toBe(400);
    const fromViewer = await refreshOverHttp(provider.issuer, tokens.refreshToken, { origin: viewerOrigin });
    expect(fromViewer.status).toBe(200);
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL('/auth', provider.issuer);
    url.search = new URLSearchParams({
      client_id: 'ohif-viewer',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: 'no-pkce',
    }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    await response.arrayBuffer();
    const location = new URL(response.headers.get('location') ?? '', provider.issuer);
    expect(location.href.startsWith(redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('counts requests at /__local/stats and resets them', async () => {
    const stats = async () => (await fetch(`${provider.issuer}/__local/stats`)).json();
    expect((await fetch(`${provider.issuer}/__local/stats/reset`, { method: 'POST' })).status).toBe(200);

    const tokens = await signIn('reader', 'reader-password');
    await refreshOverHttp(provider.issuer, tokens.refreshToken);
    await refreshOverHttp(provider.issuer, tokens.refreshToken);
    await importerTokenOverHttp(provider.issuer, 'test-importer-secret');
    await revoke(provider.issuer, tokens.refreshToken);
    const browser = new CookieJar();
    const { idToken } = await signIn('reader', 'reader-password', undefined, browser);
    await signOutOverHttp({ issuer: provider.issuer, cookieJar: browser, idToken, postLogoutRedirectUri });

    expect(await stats()).toEqual({
      tokenRequests: { authorization_code: 2, refresh_token: 2, client_credentials: 1 },
      refusedTokenRequests: { refresh_token: 1 },
      authorizationRequests: 2,
      revocations: 1,
      endSessions: 1,
    });
    await fetch(`${provider.issuer}/__local/stats/reset`, { method: 'POST' });
    expect((await stats()).tokenRequests).toEqual({});
  });

  it('printed nothing but its ready line', () => {
    const { stdout, stderr } = provider.output();
    expect(stdout).toBe(`${JSON.stringify({ ready: true, issuer: provider.issuer })}\n`);
    expect(stderr).toBe('');
  });
});

describe('the local OIDC provider across a restart', () => {
  let dataDir: string;
  let provider: OidcProviderProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'oidc-provider-restart-'));
  });

  afterAll(async () => {
    await provider?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its signing keys and the refresh tokens it issued', async () => {
    provider = await startOidcProviderProcess(optionsFor(dataDir));
    const tokens = await signInOverHttp({
      issuer: provider.issuer,
      username: 'reader',
      password: 'reader-password',
      redirectUri,
    });
    const { header } = await verifyJwtWithJwks(tokens.accessToken, provider.issuer);
    const port = new URL(provider.issuer).port;
    expect(await provider.stop()).toBe(0);

    provider = await startOidcProviderProcess({ ...optionsFor(dataDir), port: Number(port) });
    const refreshed = await refreshOverHttp(provider.issuer, tokens.refreshToken);
    expect(refreshed.status).toBe(200);
    const after = await verifyJwtWithJwks(refreshed.body.access_token ?? '', provider.issuer);
    expect(after.header.kid).toBe(header.kid);
    // The access token issued before the restart still verifies against the published keys.
    await expect(verifyJwtWithJwks(tokens.accessToken, provider.issuer)).resolves.toBeDefined();
  });
});
