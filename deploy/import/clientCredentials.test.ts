import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcProviderProcess, verifyJwtWithJwks, type OidcProviderProcess } from '../local/oidc/testing';
import { clientCredentialsTokenSource } from './clientCredentials';
import { TokenRequestError } from './errors';

// The real local OpenID Connect provider (deploy/local/oidc), in a child process: it is ESM-only.
const resource = 'http://127.0.0.1:5002/datastore/local';
const clientSecret = 'importer-test-secret';
let dataDir: string;
let provider: OidcProviderProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'import-oidc-'));
  provider = await startOidcProviderProcess({
    dataDir,
    resource,
    accessTokenTtlSeconds: 300,
    viewer: { redirectUris: ['http://127.0.0.1:3000/callback'] },
    importer: { clientSecret },
  });
}, 60_000);
afterAll(async () => {
  await provider?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test('the token endpoint is discovered and a client-credentials token is issued for the importer', async () => {
  const source = clientCredentialsTokenSource({
    issuer: provider.issuer,
    clientId: 'dicom-importer',
    clientSecret,
    scope: 'system/ImagingStudy.write',
  });
  const token = await source.getToken();
  const { payload } = await verifyJwtWithJwks(token, provider.issuer);
  expect(payload).toMatchObject({ client_id: 'dicom-importer', aud: resource, scope: 'system/ImagingStudy.write' });
});

test('the token is cached until it nears expiry, then fetched again; renewToken always fetches a new one', async () => {
  let clock = Date.now();
  const source = clientCredentialsTokenSource({
    issuer: provider.issuer,
    clientId: 'dicom-importer',
    clientSecret,
    scope: 'system/ImagingStudy.write',
    renewBeforeExpirySeconds: 60,
    now: () => clock,
  });
  const first = await source.getToken();
  expect(await source.getToken()).toBe(first);
  clock += 239_000; // 300 s lifetime − 60 s margin = 240 s: still valid
  expect(await source.getToken()).toBe(first);
  clock += 2_000;
  const second = await source.getToken();
  expect(second).not.toBe(first);
  const renewed = await source.renewToken();
  expect(renewed).not.toBe(second);
  expect(await source.getToken()).toBe(renewed);
});

test("a wrong secret is a TokenRequestError naming the provider's error, never the secret", async () => {
  const source = clientCredentialsTokenSource({
    issuer: provider.issuer,
    clientId: 'dicom-importer',
    clientSecret: 'wrong-secret-value',
  });
  const error = await source.getToken().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenRequestError);
  expect((error as Error).message).toMatch(/invalid_client/);
  expect((error as Error).message).not.toContain('wrong-secret-value');
});

test('an issuer without discovery is a TokenRequestError saying to check --issuer', async () => {
  const source = clientCredentialsTokenSource({
    issuer: `${provider.issuer}/nothing-here`,
    clientId: 'dicom-importer',
    clientSecret,
  });
  await expect(source.getToken()).rejects.toThrow(/answered HTTP 404: check --issuer/);
  expect(() => clientCredentialsTokenSource({ issuer: 'not a url', clientId: 'x', clientSecret: 'y' })).toThrow(
    'issuer must be an http(s) URL, got "not a url"',
  );
});
