// The real provider in a child process (oidc-provider is ESM-only, jest runs CommonJS), asked for Keycloak's shape.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAuthorizer } from 'ohif-healthimaging-authorizer';
import { signInOverHttp } from './testing/signInOverHttp';
import { startOidcProviderProcess, type OidcProviderProcess } from './testing/startOidcProviderProcess';
import { verifyJwtWithJwks } from './testing/verifyJwtWithJwks';

jest.setTimeout(60_000);

const redirectUri = 'http://127.0.0.1:3998/callback';
const datastoreId = '0123456789abcdef0123456789abcdef';
const resource = `http://127.0.0.1:5997/datastore/${datastoreId}`;
const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};
let dataDir: string;
let provider: OidcProviderProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'oidc-provider-shape-'));
  provider = await startOidcProviderProcess({
    dataDir,
    resource,
    viewer: { redirectUris: [redirectUri] },
    accessTokenShape: 'keycloak',
  });
});

afterAll(async () => {
  await provider?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('issues Keycloak-shaped access tokens that the authorizer grants by nested roles', async () => {
  const signIn = (username: string, password: string) =>
    signInOverHttp({
      issuer: provider.issuer,
      username,
      password,
      redirectUri,
      scope: 'openid profile user/ImagingStudy.read',
    });
  const reader = await signIn('reader', 'reader-password');
  const { header, payload } = await verifyJwtWithJwks(reader.accessToken, provider.issuer);
  expect(header.typ).toBe('at+jwt');
  expect(payload).toMatchObject({
    aud: resource,
    typ: 'Bearer',
    azp: 'ohif-viewer',
    realm_access: { roles: ['readers'] },
    resource_access: { 'ohif-viewer': { roles: ['readers'] } },
  });

  const authorizer = createAuthorizer(
    {
      provider: 'oidc',
      issuer: provider.issuer,
      jwksUri: `${provider.issuer}/jwks`,
      audiences: [resource],
      clientClaims: ['azp'],
      clientIds: ['ohif-viewer'],
      requireAccessTokenType: true,
      roles,
      grants: [
        { claim: 'realm_access.roles', includes: 'readers', grant: 'read' },
        { claim: 'resource_access.ohif-viewer.roles', includes: 'importers', grant: 'write' },
      ],
    },
    { logger: () => undefined },
  );
  const decide = (token: string, operation: string) =>
    authorizer.authorize({ datastoreId, operation, bearerToken: token });
  expect(await decide(reader.accessToken, 'GetDICOMInstance')).toEqual({ isTokenValid: true, roleArn: roles.reader });
  expect(await decide(reader.accessToken, 'StoreDICOM')).toEqual({ isTokenValid: true, roleArn: '' });
  const importer = await signIn('importer', 'importer-password');
  expect(await decide(importer.accessToken, 'StoreDICOM')).toEqual({ isTokenValid: true, roleArn: roles.importer });
  // The ID token of the same sign-in is refused: its aud is the viewer, and it is no access token.
  expect(await decide(reader.idToken, 'GetDICOMInstance')).toEqual({ isTokenValid: false, roleArn: '' });
});
