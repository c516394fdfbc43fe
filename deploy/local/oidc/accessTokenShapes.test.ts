import { createAuthorizer, type AuthorizerSettings, type GrantRule } from 'ohif-healthimaging-authorizer';
import { generateSigningKey, jwksOf, oidcAccessClaims, signToken } from 'ohif-healthimaging-authorizer/testing/tokens';
import { accessTokenShapeClaims, accessTokenShapes, type AccessTokenShape } from './accessTokenShapes';

const key = generateSigningKey('local');
const issuer = 'http://127.0.0.1:5001';
const resource = 'http://127.0.0.1:5002/datastore/10ca1da7a5e0d1c0b0e00000000000a1';
const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};

/**
 * The grants and client claim the authorizer README gives for each provider, with the local group names; only the
 * rfc9068 rule reads `groups`, so the others pass by the shape's own claims.
 */
const readmeSettings: Record<AccessTokenShape, { grants: GrantRule[]; clientClaims?: string[] }> = {
  rfc9068: { grants: [{ claim: 'groups', includes: 'readers', grant: 'read' }] },
  'entra-id': { grants: [{ claim: 'roles', includes: 'readers', grant: 'read' }], clientClaims: ['azp', 'appid'] },
  okta: { grants: [{ scope: 'user/ImagingStudy.read', grant: 'read' }], clientClaims: ['cid'] },
  keycloak: {
    grants: [
      { claim: 'realm_access.roles', includes: 'readers', grant: 'read' },
      { claim: 'resource_access.ohif-viewer.roles', includes: 'importers', grant: 'write' },
    ],
    clientClaims: ['azp'],
  },
  auth0: { grants: [{ scope: 'user/ImagingStudy.read', grant: 'read' }], clientClaims: ['azp', 'client_id'] },
};

/** A token as the local provider writes it: its RFC 9068 claims (with `groups`) and the shape's claims added. */
function shapedToken(shape: AccessTokenShape, groups: string[], scope = 'openid user/ImagingStudy.read'): string {
  const claims = oidcAccessClaims(issuer, { aud: resource, client_id: 'ohif-viewer', scope, groups });
  return signToken(
    key,
    { ...claims, ...accessTokenShapeClaims(shape, { clientId: 'ohif-viewer', scope, groups }) },
    { typ: 'at+jwt' },
  );
}

describe.each(accessTokenShapes)('access token shape %s', shape => {
  const lines: string[] = [];
  const authorizer = createAuthorizer(
    {
      provider: 'oidc',
      issuer,
      jwks: jwksOf(key),
      audiences: [resource],
      roles,
      requireAccessTokenType: true,
      ...readmeSettings[shape],
    } as AuthorizerSettings,
    { logger: line => lines.push(line) },
  );
  const decide = (token: string, operation = 'GetDICOMInstance') =>
    authorizer.authorize({ datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1', operation, bearerToken: token });

  it('passes the authorizer configured as its README section says, naming the client', async () => {
    expect(await decide(shapedToken(shape, ['readers']))).toEqual({ isTokenValid: true, roleArn: roles.reader });
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ clientId: 'ohif-viewer', reason: 'granted' });
  });

  it('grants nothing without the group or scope', async () => {
    expect(await decide(shapedToken(shape, [], 'openid'))).toEqual({ isTokenValid: true, roleArn: '' });
  });
});

it('shapes the claims as each provider does', () => {
  const issued = { clientId: 'ohif-viewer', scope: 'openid user/ImagingStudy.read', groups: ['readers'] };
  expect(accessTokenShapeClaims('rfc9068', issued)).toEqual({});
  expect(accessTokenShapeClaims('entra-id', issued)).toEqual({
    azp: 'ohif-viewer',
    scp: 'openid user/ImagingStudy.read',
    roles: ['readers'],
    ver: '2.0',
  });
  expect(accessTokenShapeClaims('okta', issued)).toEqual({
    cid: 'ohif-viewer',
    scp: ['openid', 'user/ImagingStudy.read'],
    ver: 1,
  });
  expect(accessTokenShapeClaims('keycloak', issued)).toEqual({
    typ: 'Bearer',
    azp: 'ohif-viewer',
    realm_access: { roles: ['readers'] },
    resource_access: { 'ohif-viewer': { roles: ['readers'] } },
  });
  expect(accessTokenShapeClaims('auth0', issued)).toEqual({
    azp: 'ohif-viewer',
    permissions: ['user/ImagingStudy.read'],
  });
});
