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
  };
  expect(parseAuthorizerSettings(explicit)).toEqual(explicit);
});

it('accepts preloaded public keys instead of a JWKS URI for oidc', () => {
  const jwks = jwksOf(generateSigningKey('k1'));
  const parsed = parseAuthorizerSettings({ ...oidc, jwksUri: undefined, jwks });
  expect(parsed.jwks).toEqual(jwks);
  expect(parsed.jwksUri).toBeUndefined();
});

it('allows http only on loopback, for the local stack', () => {
  expect(parseAuthorizerSettings({ ...oidc, issuer: 'http://127.0.0.1:5001', jwksUri: 'http://localhost:5001/jwks' }).issuer).toBe('http://127.0.0.1:5001');
  expect(errorOf({ ...oidc, issuer: 'http://login.example.test' }).message).toBe(
    'issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost), got "http://login.example.test"',
  );
});

it.each([
  [null, 'AuthorizerSettings must be a JSON object, got null'],
  [{ ...cognito, provider: 'auth0' }, 'provider must be "cognito" or "oidc", got "auth0"'],
  [{ ...cognito, issuer: 'https://login.example.test' }, 'issuer must be a Cognito user pool issuer like'],
  [{ ...cognito, issuer: 'not a url' }, 'issuer must be an absolute URL, got "not a url"'],
  [{ ...cognito, clientIds: [] }, 'clientIds must be a non-empty array of Cognito app client ids'],
  [{ ...cognito, audiences: ['x'] }, 'audiences is not a setting here (provider "cognito" takes clientIds; Cognito access tokens carry client_id and no aud)'],
  [{ ...cognito, clientId: 'abc' }, 'clientId is not a setting here; known keys:'],
  [{ ...oidc, jwksUri: undefined }, 'jwksUri is required for provider "oidc" unless jwks (the public keys) is given'],
  [{ ...oidc, audiences: 'https://dicomweb.example.test' }, 'audiences must be a non-empty array of accepted aud values'],
  [{ ...cognito, roles: { ...roles, reader: 'HealthImagingReader' } }, 'roles.reader must be an IAM role ARN like arn:aws:iam::123456789012:role/Name, got "HealthImagingReader"'],
  [{ ...cognito, roles: { reader: roles.reader } }, 'roles.importer must be an IAM role ARN like arn:aws:iam::123456789012:role/Name, got nothing'],
  [{ ...cognito, roles: { reader: roles.reader, importer: roles.reader } }, 'roles.importer must differ from roles.reader, otherwise readers could store'],
  [{ ...cognito, roles: { ...roles, admin: roles.reader } }, 'roles.admin is not a setting here; known keys: reader, importer'],
  [{ ...cognito, grants: [] }, 'grants must be a non-empty array of rules like'],
  [{ ...cognito, grants: [{ claim: 'groups', includes: 'readers', grant: 'admin' }] }, 'grants[0].grant must be "read" or "write", got "admin"'],
  [{ ...cognito, grants: [{ claim: 'groups', grant: 'read' }] }, 'grants[0].includes must be the claim value to look for'],
  [{ ...cognito, grants: [{ scope: 'user/ImagingStudy.read', grant: 'read', claim: 'x' }] }, 'grants[0].claim is not a setting here; known keys: scope, grant'],
  [{ ...cognito, grants: [{ scope: 'two scopes', grant: 'read' }] }, 'grants[0].scope must be one scope'],
  [{ ...cognito, grants: [{ grant: 'read' }] }, 'grants[0] must have either "scope" or "claim" and "includes"'],
  [{ ...cognito, requiredScopes: 'openid' }, 'requiredScopes must be an array of scope strings, got "openid"'],
  [{ ...cognito, datastoreId: 'my-datastore' }, 'datastoreId must be a HealthImaging datastore id (32 lowercase letters and digits), got "my-datastore"'],
  [{ ...cognito, jwksFetchTimeoutMs: 3000 }, 'jwksFetchTimeoutMs must be a whole number of milliseconds (HealthImaging allows the authorizer 1 s in all) from 1 to 1000, got 3000'],
  [{ ...cognito, maxTokenBytes: '8k' }, 'maxTokenBytes must be a whole number of bytes from 512 to 65536, got "8k"'],
  [{ ...cognito, clockToleranceSeconds: -1 }, 'clockToleranceSeconds must be a whole number of seconds from 0 to 300, got -1'],
  [{ ...oidc, jwks: { keys: [] } }, "jwks.keys must be a non-empty array of public JWKs"],
  [{ ...oidc, jwks: { keys: [{ kty: 'oct', kid: 'k', k: 'c2VjcmV0' }] } }, 'jwks.keys[0] must be a public RSA, EC or OKP signing key'],
])('rejects %j naming the key', (json, message) => {
  expect(errorOf(json).message).toContain(message);
});

it('rejects a preloaded key without kid', () => {
  const { kid: _kid, ...jwk } = generateSigningKey().publicJwk;
  expect(errorOf({ ...oidc, jwks: { keys: [jwk] } }).message).toBe('jwks.keys[0].kid must be a non-empty string: tokens name their key by kid');
});

it('rejects a private key pasted into the settings', () => {
  const key = generateSigningKey('k1');
  const privateJwk = { ...key.privateKey.export({ format: 'jwk' }), kid: 'k1' };
  const error = errorOf({ ...oidc, jwks: { keys: [privateJwk] } });
  expect(error.message).toBe('jwks.keys[0] must be a public key, but it has the private member "d"; remove the private key from the settings');
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
