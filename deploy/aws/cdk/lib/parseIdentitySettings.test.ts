import { DeploySettingsError } from './DeploySettingsError';
import { parseDeploySettings } from './parseDeploySettings';

const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const appId = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const identities = {
  'entra-id': { provider: 'entra-id', tenantId, clientId: appId },
  okta: { provider: 'okta', domain: 'https://example.okta.com', clientId: '0oa1b2c3d4e5f6g7h8i9' },
  keycloak: { provider: 'keycloak', realmUrl: 'https://sso.example.org/realms/imaging', clientId: 'ohif-viewer' },
  auth0: {
    provider: 'auth0',
    domain: 'https://example.eu.auth0.com',
    clientId: 'Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56',
    audience: 'https://dicomweb.example.org',
  },
};
const identityOf = (identity: unknown) => parseDeploySettings({ region: 'eu-west-1', identity }).identity;

describe('identity settings of a named provider', () => {
  it('fills in the Entra ID defaults: one registration, scope Imaging.Read, app role Imaging.Importer, v2 tokens', () => {
    expect(identityOf(identities['entra-id'])).toEqual({
      provider: 'entra-id',
      tenantId,
      clientId: appId,
      apiAppId: appId,
      apiAppIdUri: `api://${appId}`,
      scope: 'Imaging.Read',
      importerRole: 'Imaging.Importer',
      tokenVersion: 2,
      requiredScopes: [],
      additionalClientIds: [],
      extraConnectOrigins: [],
    });
  });

  it.each([
    [
      'okta',
      {
        authorizationServerId: 'default',
        audience: 'api://default',
        scope: 'imaging.read',
        importerGroup: 'Importers',
      },
    ],
    ['keycloak', { audience: 'dicomweb', readerRole: 'imaging-reader', importerRole: 'imaging-importer' }],
    ['auth0', { readPermission: 'read:studies', writePermission: 'write:studies' }],
  ] as const)('fills in the %s defaults', (provider, defaults) => {
    expect(identityOf(identities[provider])).toMatchObject({ ...identities[provider], ...defaults });
  });

  it('keeps grant rules that replace the defaults, and the origin of an extra connect URL', () => {
    const grants = [{ claim: 'resource_access.ohif-viewer.roles', includes: 'reader', grant: 'read' }];
    const identity = identityOf({
      ...identities.keycloak,
      grants,
      extraConnectOrigins: ['https://tokens.example.org/path'],
    });
    expect(identity).toMatchObject({ grants, extraConnectOrigins: ['https://tokens.example.org'] });
  });

  it.each([
    [{ ...identities['entra-id'], tenantId: 'common' }, 'identity.tenantId', /Directory \(tenant\) ID.*"common"/],
    [{ ...identities['entra-id'], clientId: 'viewer' }, 'identity.clientId', /Application \(client\) ID/],
    [
      { ...identities['entra-id'], scope: `api://${appId}/Imaging.Read` },
      'identity.scope',
      /scope's name only, like Imaging\.Read/,
    ],
    [{ ...identities['entra-id'], apiAppIdUri: `api://${appId}/` }, 'identity.apiAppIdUri', /without a trailing slash/],
    [{ ...identities['entra-id'], tokenVersion: '2.0' }, 'identity.tokenVersion', /accessTokenAcceptedVersion/],
    [
      { ...identities['entra-id'], issuer: `https://login.microsoftonline.com/${tenantId}/v2.0` },
      'identity.issuer',
      /derives it; use provider "oidc"/,
    ],
    [{ ...identities.okta, domain: 'example.okta.com' }, 'identity.domain', /https:\/\/example\.okta\.com/],
    [{ ...identities.okta, domain: 'https://example.okta.com/oauth2/default' }, 'identity.domain', /nothing after it/],
    [
      { ...identities.okta, authorizationServerId: 'oauth2/default' },
      'identity.authorizationServerId',
      /custom authorization server/,
    ],
    [
      { ...identities.keycloak, realmUrl: 'https://sso.example.org/realms/imaging/' },
      'identity.realmUrl',
      /without a trailing slash/,
    ],
    [
      { ...identities.keycloak, realmUrl: 'http://sso.example.org/realms/imaging' },
      'identity.realmUrl',
      /realm's issuer/,
    ],
    [{ ...identities.keycloak, audience: 'account' }, 'identity.audience', /Audience mapper/],
    [{ ...identities.auth0, audience: undefined }, 'identity.audience', /API's Identifier/],
    [
      { ...identities.auth0, audience: 'https://example.eu.auth0.com/userinfo' },
      'identity.audience',
      /userinfo audience/,
    ],
    [{ ...identities.auth0, clientId: undefined }, 'identity.clientId', /Client ID, got nothing/],
    [{ ...identities.auth0, grants: [] }, 'identity.grants', /default rules/],
    [
      { ...identities.auth0, grants: [{ scope: 'read:studies', grant: 'admin' }] },
      'identity.grants[0].grant',
      /"read" or "write"/,
    ],
    [
      { ...identities.auth0, grants: [{ scope: 'read:studies', claim: 'x', grant: 'read' }] },
      'identity.grants[0].claim',
      /not a known setting/,
    ],
    [{ ...identities.okta, mfa: 'required' }, 'identity.mfa', /known here: provider, clientId/],
  ])('refuses %j naming %s', (identity, key, message) => {
    let caught: unknown;
    try {
      identityOf(identity);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeploySettingsError);
    expect((caught as DeploySettingsError).key).toBe(key);
    expect((caught as Error).message).toMatch(message);
  });
});
