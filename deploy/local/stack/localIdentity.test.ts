// The local provider standing in for each identity provider (a real oidc-provider in a child process), and the
// real authorizer configured for it by `localIdentity`, as the local stack runs them: the tokens have the
// provider's issuer form, audience and claims, are verified with keys from the provider's own keys path, and grant
// as the provider's README section says.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createAuthorizer, type Authorizer } from 'ohif-healthimaging-authorizer';
import { idpProfile, localEntra, microsoftGraphAppId, type IdpProfileName } from '../oidc/idpProfiles';
import { signInOverHttp } from '../oidc/testing/signInOverHttp';
import { startOidcProviderProcess, type OidcProviderProcess } from '../oidc/testing/startOidcProviderProcess';
import { localIdentity } from './localIdentity';
import { localRoles } from './localAuthorizerSettings';

jest.setTimeout(60_000);

const redirectUri = 'http://127.0.0.1:3997/callback';
const datastoreId = '0123456789abcdef0123456789abcdef';
const datastoreUrl = `http://127.0.0.1:5996/datastore/${datastoreId}`;
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
const headerOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')) as Record<string, unknown>;

const cases: Array<{ profile: IdpProfileName; claims: (issuer: string) => Record<string, unknown>; absent: string[] }> =
  [
    {
      profile: 'entra-id',
      claims: issuer => ({
        iss: issuer,
        aud: localEntra.apiAppId,
        azp: 'ohif-viewer',
        scp: 'Imaging.Read',
        ver: '2.0',
        tid: localEntra.tenantId,
        roles: [],
      }),
      absent: ['client_id', 'scope', 'groups'],
    },
    {
      profile: 'entra-id-v1',
      claims: issuer => ({
        iss: `${new URL(issuer).origin}/${localEntra.tenantId}/`,
        aud: `api://${localEntra.apiAppId}`,
        appid: 'ohif-viewer',
        scp: 'Imaging.Read',
        ver: '1.0',
      }),
      absent: ['client_id', 'azp'],
    },
    {
      profile: 'okta',
      claims: issuer => ({
        iss: issuer,
        aud: 'api://default',
        cid: 'ohif-viewer',
        scp: ['imaging.read'],
        groups: ['Radiologists'],
      }),
      absent: ['client_id'],
    },
    {
      profile: 'keycloak',
      claims: issuer => ({
        iss: issuer,
        aud: ['dicomweb', 'account'],
        azp: 'ohif-viewer',
        typ: 'Bearer',
        realm_access: { roles: ['default-roles-imaging', 'offline_access', 'imaging-reader'] },
      }),
      absent: ['client_id', 'groups'],
    },
    {
      profile: 'auth0',
      claims: issuer => ({
        iss: issuer,
        aud: [datastoreUrl, `${issuer}userinfo`],
        azp: 'ohif-viewer',
        permissions: ['read:studies'],
      }),
      absent: ['client_id', 'groups'],
    },
  ];

describe.each(cases)('the local provider as $profile', ({ profile, claims, absent }) => {
  let dataDir: string;
  let provider: OidcProviderProcess;
  let authorizer: Authorizer;
  let identity: ReturnType<typeof localIdentity>;
  const signIn = (username: string, scope = identity.viewer.scope ?? 'openid profile') =>
    signInOverHttp({ issuer: provider.issuer, username, password: `${username}-password`, redirectUri, scope });
  const decide = (token: string, operation: string) =>
    authorizer.authorize({ datastoreId, operation, bearerToken: token });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `oidc-provider-${profile}-`));
    provider = await startOidcProviderProcess({
      dataDir,
      resource: datastoreUrl,
      viewer: { redirectUris: [redirectUri] },
      idpProfile: profile,
    });
    identity = localIdentity(profile, provider.issuer, datastoreUrl, datastoreId);
    authorizer = createAuthorizer(identity.authorizer, { logger: () => undefined });
  });

  afterAll(async () => {
    await provider?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has its issuer form, and discovery at <issuer>/.well-known/openid-configuration', async () => {
    expect(new URL(provider.issuer).pathname).toBe(idpProfile(profile).issuerPath || '/');
    const discovery = (await (
      await fetch(`${provider.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(provider.issuer);
    // Entra ID has no revocation endpoint; the viewer then signs out without revoking.
    expect('revocation_endpoint' in discovery).toBe(idpProfile(profile).revocation);
  });

  it("issues the provider's access token shape, which the authorizer configured as its README says grants", async () => {
    const reader = await signIn('reader');
    const payload = claimsOf(reader.accessToken);
    expect(payload).toMatchObject(claims(provider.issuer));
    for (const claim of absent) expect(payload).not.toHaveProperty(claim);
    expect(headerOf(reader.accessToken).typ).toBe('JWT');
    expect(await decide(reader.accessToken, 'GetDICOMInstanceFrames')).toEqual({
      isTokenValid: true,
      roleArn: localRoles.readerRoleArn,
    });
    expect(await decide(reader.accessToken, 'StoreDICOM')).toEqual({ isTokenValid: true, roleArn: '' });
    expect(await decide(reader.idToken, 'GetDICOMInstanceFrames')).toEqual({ isTokenValid: false, roleArn: '' });
    const importer = await signIn('importer');
    expect(await decide(importer.accessToken, 'StoreDICOM')).toEqual({
      isTokenValid: true,
      roleArn: localRoles.importerRoleArn,
    });
  });

  if (profile === 'entra-id') {
    it("issues a Microsoft Graph token to a viewer asking only for openid profile, which the authorizer refuses naming the API's scope", async () => {
      const lines: string[] = [];
      const logged = createAuthorizer(identity.authorizer, { logger: line => lines.push(line) });
      const { accessToken } = await signIn('reader', 'openid profile');
      expect(claimsOf(accessToken)).toMatchObject({ aud: microsoftGraphAppId, scp: 'openid profile email User.Read' });
      expect(
        await logged.authorize({ datastoreId, operation: 'SearchDICOMStudies', bearerToken: accessToken }),
      ).toEqual({ isTokenValid: false, roleArn: '' });
      expect(JSON.parse(lines[0] as string)).toMatchObject({
        reason: 'wrong-audience',
        detail: expect.stringContaining(
          `the viewer must ask for this API's scope, api://${localEntra.apiAppId}/Imaging.Read`,
        ),
      });
    });
  }
});
