import { AuthorizerSettingsError } from './errors';
import { parseAuthorizerSettings } from './parseAuthorizerSettings';
import { generateSigningKey, jwksOf } from '../testing/tokens';

const roles = {
  reader: 'arn:aws:iam::123456789012:role/HealthImagingReader',
  importer: 'arn:aws:iam::123456789012:role/HealthImagingImporter',
};
const grants = [{ claim: 'cognito:groups', includes: 'readers', grant: 'read' }];
const cognitoIssuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
const cognito = { provider: 'cognito', issuer: cognitoIssuer, clientIds: ['abc123'], roles, grants };
const oidc = {
  provider: 'oidc',
  issuer: 'https://login.example.test/realms/imaging',
  jwksUri: 'https://login.example.test/realms/imaging/protocol/openid-connect/certs',
  audiences: ['https://dicomweb.example.test'],
  roles,
  grants: [{ scope: 'user/ImagingStudy.read', grant: 'read' }],
};

function errorOf(json: unknown): AuthorizerSettingsError {
  try {
    parseAuthorizerSettings(json);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthorizerSettingsError);
    return error as AuthorizerSettingsError;
  }
  throw new Error('expected the settings to be rejected');
}

it('fills in the defaults for Cognito, including the JWKS URI', () => {
  expect(parseAuthorizerSettings(cognito)).toEqual({
    ...cognito,
    jwksUri: `${cognitoIssuer}/.well-known/jwks.json`,
    requiredScopes: [],
    jwksFetchTimeoutMs: 500,
    maxTokenBytes: 8192,
    clockToleranceSeconds: 0,
    jwksCacheSeconds: 300,
  });
});

it('keeps explicit values', () => {
  const explicit = {
    ...oidc,
    requiredScopes: ['openid'],
    datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
    jwksFetchTimeoutMs: 250,
    maxTokenBytes: 4096,
    clockToleranceSeconds: 5,
    maxTokenLifetimeSeconds: 3600,
    jwksCacheSeconds: 60,
    additionalIssuers: ['https://login.example.test/realms/imaging-old'],
    clientClaims: ['azp'],
    clientIds: ['ohif-viewer'],
    viewerClientIds: ['ohif-viewer-spa'],
    requireAccessTokenType: true,
    refuseNonce: false,
  };
  expect(parseAuthorizerSettings(explicit)).toEqual(explicit);
});

it('fills in the generic OpenID Connect defaults, and parses its own result to the same', () => {
  const parsed = parseAuthorizerSettings(oidc);
  expect(parsed).toMatchObject({
    additionalIssuers: [],
    clientClaims: ['client_id', 'azp'],
    viewerClientIds: [],
    requireAccessTokenType: false,
    refuseNonce: true,
    jwksCacheSeconds: 300,
  });
  expect(parsed).not.toHaveProperty('clientIds');
  expect(parsed).not.toHaveProperty('maxTokenLifetimeSeconds');
  expect(parseAuthorizerSettings(parsed)).toEqual(parsed);
});

describe('identity provider profiles', () => {
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const profile = (provider: string, issuer: string, extra: Record<string, unknown> = {}) =>
    parseAuthorizerSettings({ provider, issuer, audiences: ['api://imaging'], roles, grants, ...extra });

  it('entra-id: accepts both issuer forms of the tenant, keys from its v2 discovery, client from azp or appid', () => {
    for (const issuer of [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`]) {
      const parsed = profile('entra-id', issuer);
      expect([parsed.issuer, ...(parsed.provider !== 'cognito' ? parsed.additionalIssuers : [])].sort()).toEqual(
        [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`].sort(),
      );
      expect(parsed).toMatchObject({
        jwksUri: `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
        clientClaims: ['azp', 'appid'],
        refuseNonce: true,
      });
      expect(parseAuthorizerSettings(parsed)).toEqual(parsed);
    }
  });

  it("entra-id and okta: a loopback origin stands in for the provider's hosts (the local stack)", () => {
    const parsed = profile('entra-id', `http://127.0.0.1:5001/${tenant}/v2.0`);
    expect(parsed).toMatchObject({
      additionalIssuers: [`http://127.0.0.1:5001/${tenant}/`],
      jwksUri: `http://127.0.0.1:5001/${tenant}/discovery/v2.0/keys`,
    });
    expect(profile('entra-id', `http://localhost:5001/${tenant}/`)).toMatchObject({
      additionalIssuers: [`http://localhost:5001/${tenant}/v2.0`],
    });
    expect(profile('okta', 'http://127.0.0.1:5001/oauth2/default').jwksUri).toBe(
      'http://127.0.0.1:5001/oauth2/default/v1/keys',
    );
    // Only a loopback origin stands in: any other host is not Microsoft's.
    expect(() => profile('entra-id', `https://login.example.test/${tenant}/v2.0`)).toThrow(
      /must be https:\/\/login\.microsoftonline\.com/,
    );
  });

  it('okta: keys at <issuer>/v1/keys, client from cid', () => {
    expect(profile('okta', 'https://example.okta.com/oauth2/default')).toMatchObject({
      jwksUri: 'https://example.okta.com/oauth2/default/v1/keys',
      clientClaims: ['cid'],
    });
  });

  it('keycloak: keys at the realm certs endpoint, client from azp, nonce allowed (Keycloak before 25)', () => {
    expect(profile('keycloak', 'https://sso.example.test/realms/imaging')).toMatchObject({
      jwksUri: 'https://sso.example.test/realms/imaging/protocol/openid-connect/certs',
      clientClaims: ['azp'],
      refuseNonce: false,
    });
  });

  it('auth0: the issuer with its trailing slash, typed with or without', () => {
    for (const issuer of ['https://example.eu.auth0.com', 'https://example.eu.auth0.com/']) {
      expect(profile('auth0', issuer)).toMatchObject({
        issuer: 'https://example.eu.auth0.com/',
        jwksUri: 'https://example.eu.auth0.com/.well-known/jwks.json',
        clientClaims: ['azp', 'client_id'],
      });
    }
  });

  it('keeps an explicit jwksUri over the derived one', () => {
    expect(
      profile('okta', 'https://example.okta.com/oauth2/default', { jwksUri: 'https://keys.example.test/jwks' }).jwksUri,
    ).toBe('https://keys.example.test/jwks');
  });

  it.each([
    [
      'entra-id',
      'https://login.microsoftonline.com/common/v2.0',
      {},
      'issuer for provider "entra-id" must be https://login.microsoftonline.com/<tenant id>/v2.0',
    ],
    [
      'entra-id',
      `https://login.microsoftonline.com/${tenant}/v2.0`,
      { audiences: ['00000003-0000-0000-c000-000000000000'] },
      "audiences[0] is Microsoft Graph's audience",
    ],
    [
      'entra-id',
      `https://login.microsoftonline.com/${tenant}/v2.0`,
      { audiences: ['https://graph.microsoft.com'] },
      "audiences[0] is Microsoft Graph's audience",
    ],
    ['okta', 'https://example.okta.com', {}, 'access tokens of the org authorization server'],
    ['keycloak', 'https://sso.example.test/imaging', {}, 'issuer for provider "keycloak" must be a realm\'s issuer'],
    [
      'keycloak',
      'https://sso.example.test/realms/imaging',
      { audiences: ['account'] },
      'audiences[0] must not be "account"',
    ],
    ['auth0', 'https://example.eu.auth0.com/api/v2/', {}, 'issuer for provider "auth0" must be the tenant\'s domain'],
    [
      'auth0',
      'https://example.eu.auth0.com/',
      { audiences: ['https://example.eu.auth0.com/userinfo'] },
      "audiences[0] is Auth0's userinfo audience",
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', viewerClientIds: ['api://imaging'] },
      'viewerClientIds must not hold "api://imaging", which audiences accepts',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', clientClaims: ['sub'] },
      'clientClaims must be a non-empty array of "client_id", "azp", "cid", "appid"',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', clientId: 'x' },
      'clientId is not a setting here (did you mean clientIds',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', refuseNonce: 'yes' },
      'refuseNonce must be true or false, got "yes"',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', additionalIssuers: ['http://evil.example'] },
      'additionalIssuers[0] must be an https:// URL',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', maxTokenLifetimeSeconds: 86400 },
      'maxTokenLifetimeSeconds must be a whole number of seconds (HealthImaging refuses tokens issued over 12 h ago anyway) from 60 to 43200, got 86400',
    ],
    [
      'oidc',
      'https://login.example.test',
      { jwksUri: 'https://login.example.test/jwks', jwksCacheSeconds: 5 },
      'jwksCacheSeconds must be a whole number of seconds from 30 to 3600, got 5',
    ],
    [
      'oidc',
      'https://login.example.test',
      {
        jwksUri: 'https://login.example.test/jwks',
        grants: [{ claim: 'realm_access..roles', includes: 'r', grant: 'read' }],
      },
      'grants[0].claim must be a claim name like "cognito:groups" or a dotted path',
    ],
  ])('%s %s %j is refused naming the key', (provider, issuer, extra, message) => {
    expect(errorOf({ provider, issuer, audiences: ['api://imaging'], roles, grants, ...extra }).message).toContain(
      message,
    );
  });
});

it('accepts preloaded public keys instead of a JWKS URI for oidc', () => {
  const jwks = jwksOf(generateSigningKey('k1'));
  const parsed = parseAuthorizerSettings({ ...oidc, jwksUri: undefined, jwks });
  expect(parsed.jwks).toEqual(jwks);
  expect(parsed.jwksUri).toBeUndefined();
});

it('allows http only on loopback, for the local stack', () => {
  expect(
    parseAuthorizerSettings({ ...oidc, issuer: 'http://127.0.0.1:5001', jwksUri: 'http://localhost:5001/jwks' }).issuer,
  ).toBe('http://127.0.0.1:5001');
  expect(errorOf({ ...oidc, issuer: 'http://login.example.test' }).message).toBe(
    'issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost), got "http://login.example.test"',
  );
});

it.each([
  [null, 'AuthorizerSettings must be a JSON object, got null'],
  [
    { ...cognito, provider: 'azure' },
    'provider must be "cognito" or one of "oidc", "entra-id", "okta", "keycloak", "auth0" (any other OpenID Connect provider: "oidc"), got "azure"',
  ],
  [{ ...cognito, issuer: 'https://login.example.test' }, 'issuer must be a Cognito user pool issuer like'],
  [{ ...cognito, issuer: 'not a url' }, 'issuer must be an absolute URL, got "not a url"'],
  [{ ...cognito, clientIds: [] }, 'clientIds must be a non-empty array of Cognito app client ids'],
  [
    { ...cognito, audiences: ['x'] },
    'audiences is not a setting here for provider "cognito" (Cognito access tokens carry client_id and token_use, no aud: list the app clients in clientIds)',
  ],
  [{ ...cognito, clientId: 'abc' }, 'clientId is not a setting here; known keys:'],
  [{ ...oidc, jwksUri: undefined }, 'jwksUri is required for provider "oidc" unless jwks (the public keys) is given'],
  [
    { ...oidc, audiences: 'https://dicomweb.example.test' },
    'audiences must be a non-empty array of accepted aud values',
  ],
  [
    { ...cognito, roles: { ...roles, reader: 'HealthImagingReader' } },
    'roles.reader must be an IAM role ARN like arn:aws:iam::123456789012:role/Name, got "HealthImagingReader"',
  ],
  [
    { ...cognito, roles: { reader: roles.reader } },
    'roles.importer must be an IAM role ARN like arn:aws:iam::123456789012:role/Name, got nothing',
  ],
  [
    { ...cognito, roles: { reader: roles.reader, importer: roles.reader } },
    'roles.importer must differ from roles.reader, otherwise readers could store',
  ],
  [
    { ...cognito, roles: { ...roles, admin: roles.reader } },
    'roles.admin is not a setting here; known keys: reader, importer',
  ],
  [{ ...cognito, grants: [] }, 'grants must be a non-empty array of rules like'],
  [
    { ...cognito, grants: [{ claim: 'groups', includes: 'readers', grant: 'admin' }] },
    'grants[0].grant must be "read" or "write", got "admin"',
  ],
  [
    { ...cognito, grants: [{ claim: 'groups', grant: 'read' }] },
    'grants[0].includes must be the claim value to look for',
  ],
  [
    { ...cognito, grants: [{ scope: 'user/ImagingStudy.read', grant: 'read', claim: 'x' }] },
    'grants[0].claim is not a setting here; known keys: scope, grant',
  ],
  [{ ...cognito, grants: [{ scope: 'two scopes', grant: 'read' }] }, 'grants[0].scope must be one scope'],
  [{ ...cognito, grants: [{ grant: 'read' }] }, 'grants[0] must have either "scope" or "claim" and "includes"'],
  [{ ...cognito, requiredScopes: 'openid' }, 'requiredScopes must be an array of scope strings, got "openid"'],
  [
    { ...cognito, datastoreId: 'my-datastore' },
    'datastoreId must be a HealthImaging datastore id (32 lowercase letters and digits), got "my-datastore"',
  ],
  [
    { ...cognito, jwksFetchTimeoutMs: 3000 },
    'jwksFetchTimeoutMs must be a whole number of milliseconds (HealthImaging allows the authorizer 1 s in all) from 1 to 1000, got 3000',
  ],
  [{ ...cognito, maxTokenBytes: '8k' }, 'maxTokenBytes must be a whole number of bytes from 512 to 65536, got "8k"'],
  [
    { ...cognito, clockToleranceSeconds: -1 },
    'clockToleranceSeconds must be a whole number of seconds from 0 to 300, got -1',
  ],
  [{ ...oidc, jwks: { keys: [] } }, 'jwks.keys must be a non-empty array of public JWKs'],
  [
    { ...oidc, jwks: { keys: [{ kty: 'oct', kid: 'k', k: 'c2VjcmV0' }] } },
    'jwks.keys[0] must be a public RSA, EC or OKP signing key',
  ],
])('rejects %j naming the key', (json, message) => {
  expect(errorOf(json).message).toContain(message);
});

it('rejects a preloaded key without kid', () => {
  const { kid: _kid, ...jwk } = generateSigningKey().publicJwk;
  expect(errorOf({ ...oidc, jwks: { keys: [jwk] } }).message).toBe(
    'jwks.keys[0].kid must be a non-empty string: tokens name their key by kid',
  );
});

it('rejects a private key pasted into the settings', () => {
  const key = generateSigningKey('k1');
  const privateJwk = { ...key.privateKey.export({ format: 'jwk' }), kid: 'k1' };
  const error = errorOf({ ...oidc, jwks: { keys: [privateJwk] } });
  expect(error.message).toBe(
    'jwks.keys[0] must be a public key, but it has the private member "d"; remove the private key from the settings',
  );
  expect(error.message).not.toContain(privateJwk.d as string);
});

it('names the setting in the error object', () => {
  expect(errorOf({ ...cognito, maxTokenBytes: 1 }).setting).toBe('maxTokenBytes');
});

it('returns a copy that later changes to the input do not reach', () => {
  const input = { ...cognito, clientIds: ['abc123'] };
  const parsed = parseAuthorizerSettings(input);
  input.clientIds.push('intruder');
  expect(parsed.provider === 'cognito' && parsed.clientIds).toEqual(['abc123']);
});
