// Each named identity provider's deploy settings, synthesized: the authorizer environment the Lambda gets (read
// back with the authorizer's own parser) and the viewer's auth block built from the stack outputs (read back with
// the extension's own parser), as the README's section for that provider documents them.
import { parseAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import { resolveOidcSessionSettings } from 'ohif-extension-aws-healthimaging/settings';
import { awsAppConfigValues, renderAppConfig } from 'ohif-healthimaging-platform-config';
import { buildStack, flatten, testAccount } from './buildStack';

const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const viewerAppId = '0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const apiAppId = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
const viewerUrl = 'https://viewer.example-hospital.org';
const datastoreId = '0123456789abcdef0123456789abcdef';

const cases = [
  {
    name: 'Entra ID, separate API registration, v1 tokens',
    identity: { provider: 'entra-id', tenantId, clientId: viewerAppId, apiAppId, tokenVersion: 1 },
    authorizer: {
      provider: 'entra-id',
      issuer: `https://sts.windows.net/${tenantId}/`,
      additionalIssuers: [`https://login.microsoftonline.com/${tenantId}/v2.0`],
      jwksUri: `https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`,
      audiences: [`api://${apiAppId}`, apiAppId],
      clientClaims: ['azp', 'appid'],
      clientIds: [viewerAppId],
      viewerClientIds: [viewerAppId],
      grants: [
        { scope: 'Imaging.Read', grant: 'read' },
        { claim: 'roles', includes: 'Imaging.Importer', grant: 'write' },
      ],
    },
    auth: {
      authority: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      clientId: viewerAppId,
      scope: `openid profile offline_access api://${apiAppId}/Imaging.Read`,
      extraQueryParams: {},
    },
    connectOrigin: 'https://login.microsoftonline.com',
  },
  {
    name: 'Okta, default authorization server',
    identity: {
      provider: 'okta',
      domain: 'https://example.okta.com',
      clientId: '0oa1b2c3d4e5f6g7h8i9',
      additionalClientIds: ['0oa9importer'],
    },
    authorizer: {
      provider: 'okta',
      issuer: 'https://example.okta.com/oauth2/default',
      additionalIssuers: [],
      jwksUri: 'https://example.okta.com/oauth2/default/v1/keys',
      audiences: ['api://default'],
      clientClaims: ['cid'],
      clientIds: ['0oa1b2c3d4e5f6g7h8i9', '0oa9importer'],
      grants: [
        { scope: 'imaging.read', grant: 'read' },
        { claim: 'groups', includes: 'Importers', grant: 'write' },
      ],
    },
    auth: {
      authority: 'https://example.okta.com/oauth2/default',
      clientId: '0oa1b2c3d4e5f6g7h8i9',
      scope: 'openid profile offline_access imaging.read',
      extraQueryParams: {},
    },
    connectOrigin: 'https://example.okta.com',
  },
  {
    name: 'Keycloak realm with an audience mapper',
    identity: {
      provider: 'keycloak',
      realmUrl: 'https://sso.example-hospital.org/realms/imaging',
      clientId: 'ohif-viewer',
    },
    authorizer: {
      provider: 'keycloak',
      issuer: 'https://sso.example-hospital.org/realms/imaging',
      jwksUri: 'https://sso.example-hospital.org/realms/imaging/protocol/openid-connect/certs',
      audiences: ['dicomweb'],
      clientClaims: ['azp'],
      clientIds: ['ohif-viewer'],
      refuseNonce: false,
      grants: [
        { claim: 'realm_access.roles', includes: 'imaging-reader', grant: 'read' },
        { claim: 'realm_access.roles', includes: 'imaging-importer', grant: 'write' },
      ],
    },
    auth: {
      authority: 'https://sso.example-hospital.org/realms/imaging',
      clientId: 'ohif-viewer',
      scope: 'openid profile',
      extraQueryParams: {},
    },
    connectOrigin: 'https://sso.example-hospital.org',
  },
  {
    name: 'Auth0 with RBAC permissions',
    identity: {
      provider: 'auth0',
      domain: 'https://example.eu.auth0.com',
      clientId: 'Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56',
      audience: 'https://dicomweb.example-hospital.org',
    },
    authorizer: {
      provider: 'auth0',
      issuer: 'https://example.eu.auth0.com/',
      jwksUri: 'https://example.eu.auth0.com/.well-known/jwks.json',
      audiences: ['https://dicomweb.example-hospital.org'],
      clientClaims: ['azp', 'client_id'],
      clientIds: ['Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56'],
      grants: [
        { scope: 'read:studies', grant: 'read' },
        { scope: 'write:studies', grant: 'write' },
      ],
    },
    auth: {
      // The extension discovers at <authority>/.well-known/...: the trailing slash of Auth0's issuer is dropped there.
      authority: 'https://example.eu.auth0.com',
      clientId: 'Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56',
      scope: 'openid profile offline_access',
      extraQueryParams: { audience: 'https://dicomweb.example-hospital.org' },
    },
    connectOrigin: 'https://example.eu.auth0.com',
  },
];

describe.each(cases)('$name', ({ identity, authorizer, auth, connectOrigin }) => {
  const { template } = buildStack({
    region: 'eu-west-1',
    account: testAccount,
    stackName: 'ViewerWithPreset',
    identity,
  });
  const resources = Object.values(
    template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
  );
  const outputs = Object.fromEntries(
    Object.entries(template.toJSON().Outputs as Record<string, { Value: unknown }>).map(([name, output]) => [
      name,
      flatten(output.Value),
    ]),
  );

  it('gives the authorizer Lambda the settings its README section documents', () => {
    const lambda = resources.find(
      resource =>
        resource.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(resource.Properties).includes('AUTHORIZER_SETTINGS'),
    );
    const json = flatten(
      (lambda!.Properties.Environment as { Variables: Record<string, unknown> }).Variables.AUTHORIZER_SETTINGS,
    );
    const settings = parseAuthorizerSettings(JSON.parse(json.replaceAll('{AWS::Partition}', 'aws')));
    expect(settings).toMatchObject({ ...authorizer, requiredScopes: [], jwksFetchTimeoutMs: 500 });
    expect(settings.roles.reader).toMatch(new RegExp(`^arn:aws:iam::${testAccount}:role/`));
  });

  it('gives the viewer an auth block, from the stack outputs, that asks for the scope of this API', () => {
    const values = awsAppConfigValues({
      outputs: {
        ...outputs,
        Region: 'eu-west-1',
        DatastoreId: datastoreId,
        DicomWebUrl: `https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/${datastoreId}`,
        ViewerUrl: `${viewerUrl}/`,
      },
      pluginUrls: { extension: '/plugins/extension.0123456789abcdef.js', mode: '/plugins/mode.fedcba9876543210.js' },
    });
    expect(() => renderAppConfig(values)).not.toThrow();
    const session = resolveOidcSessionSettings(values.dataSource.auth, { viewerOrigin: viewerUrl });
    expect(session).toMatchObject({
      ...auth,
      provider: 'oidc',
      redirectUri: `${viewerUrl}/callback`,
      postLogoutRedirectUri: `${viewerUrl}/`,
    });
  });

  it("lets the viewer's browser reach the provider (Content-Security-Policy connect-src)", () => {
    const headers = resources.find(resource => resource.Type === 'AWS::CloudFront::ResponseHeadersPolicy');
    const policy = JSON.stringify(headers!.Properties);
    expect(policy).toMatch(new RegExp(`connect-src[^;]*${connectOrigin.replace(/[.]/g, '\\.')}`));
  });
});
