import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  completeAuthorizationOverHttp,
  startOidcProviderProcess,
  verifyJwtWithJwks,
  type OidcProviderProcess,
} from '../local/oidc/testing';
import { ImportSettingError, TokenRequestError } from './errors';
import { userSignInTokenSource } from './userSignIn';

// The real local OpenID Connect provider in a child process (it is ESM-only); the test plays the person's browser
// over HTTP: it opens the URL the import presents, signs in, and follows the redirect to the import's loopback.
const resource = 'http://127.0.0.1:5002/datastore/local';
let dataDir: string;
let provider: OidcProviderProcess;
let port: number;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return free;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'import-sign-in-'));
  port = await freePort();
  provider = await startOidcProviderProcess({
    dataDir,
    resource,
    accessTokenTtlSeconds: 300,
    viewer: { redirectUris: [`http://127.0.0.1:${port}/callback`] },
  });
}, 60_000);

afterAll(async () => {
  await provider?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A person who opens the presented URL and signs in as `username`; resolves with what their browser saw. */
function personSigningIn(username: string, password: string) {
  let browserSaw: Promise<{ status: number; text: string }> | undefined;
  const presentUrl = (url: string) => {
    browserSaw = completeAuthorizationOverHttp({
      authorizationUrl: url,
      redirectUri: `http://127.0.0.1:${port}/callback`,
      username,
      password,
    }).then(async callback => {
      const response = await fetch(callback);
      return { status: response.status, text: await response.text() };
    });
  };
  return { presentUrl, browserSaw: () => browserSaw };
}

test('signs a person in with code + PKCE on a loopback redirect, then renews with the refresh token', async () => {
  const person = personSigningIn('importer', 'importer-password');
  const source = userSignInTokenSource({
    issuer: provider.issuer,
    clientId: 'ohif-viewer',
    scope: 'openid profile user/ImagingStudy.read',
    redirectPort: port,
    presentUrl: person.presentUrl,
  });
  const token = await source.getToken();
  await expect(person.browserSaw()).resolves.toEqual({ status: 200, text: expect.stringContaining('Signed in') });
  const { payload } = await verifyJwtWithJwks(token, provider.issuer);
  expect(payload).toMatchObject({ sub: 'importer', client_id: 'ohif-viewer', aud: resource, groups: ['importers'] });

  // Cached while valid; a refusal by the server leads to the refresh token grant, not to another sign-in.
  await expect(source.getToken()).resolves.toBe(token);
  const renewed = await source.renewToken();
  expect(renewed).toEqual(expect.any(String));
  expect(renewed).not.toBe(token);
});

test("a refused sign-in is reported with the provider's reason", async () => {
  let browserAnswer: Promise<number> | undefined;
  const source = userSignInTokenSource({
    issuer: provider.issuer,
    clientId: 'ohif-viewer',
    redirectPort: port,
    presentUrl: url => {
      // The person declines: the provider's error comes back to the loopback.
      const denied = new URL(`http://127.0.0.1:${port}/callback`);
      denied.search = new URLSearchParams({
        error: 'access_denied',
        error_description: 'the user declined',
        state: new URL(url).searchParams.get('state') ?? '',
      }).toString();
      browserAnswer = fetch(denied).then(answer => answer.status);
    },
  });
  await expect(source.getToken()).rejects.toThrow(
    new TokenRequestError('The provider refused the sign-in (access_denied: the user declined)'),
  );
  // The person's browser is told too (and a failed delivery fails the test instead of going unnoticed).
  expect(await browserAnswer).toBe(400);
});

test('says which port to change when the redirect port is taken', async () => {
  const taken = createServer();
  await new Promise<void>(resolve => taken.listen(0, '127.0.0.1', resolve));
  const takenPort = (taken.address() as { port: number }).port;
  const source = userSignInTokenSource({
    issuer: provider.issuer,
    clientId: 'ohif-viewer',
    redirectPort: takenPort,
    presentUrl: () => undefined,
  });
  await expect(source.getToken()).rejects.toThrow(ImportSettingError);
  await expect(source.getToken()).rejects.toThrow(`--redirect-port ${takenPort} is taken by another program`);
  await new Promise(resolve => taken.close(resolve));
});

test('gives up after the time allowed for signing in', async () => {
  const source = userSignInTokenSource({
    issuer: provider.issuer,
    clientId: 'ohif-viewer',
    redirectPort: port,
    presentUrl: () => undefined,
    timeoutMs: 200,
  });
  await expect(source.getToken()).rejects.toThrow('Nobody signed in within 0 s: run the import again');
});
