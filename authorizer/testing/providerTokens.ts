import { randomUUID } from 'node:crypto';
import { nowSeconds } from './tokens';

/**
 * Access token claims shaped as each identity provider issues them (documented shapes, see the authorizer README),
 * valid for an hour. Overrides replace claims; `undefined` removes one.
 */
type Claims = Record<string, unknown>;

export const entraTenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** The API's app registration (Application ID URI `api://<id>`) and the viewer's SPA registration. */
export const entraApiAppId = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
export const entraViewerAppId = '0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

function lifetime(): Claims {
  const now = nowSeconds();
  return { iat: now, nbf: now, exp: now + 3600 };
}

/** Entra ID v2.0 access token for the API (`accessTokenAcceptedVersion: 2`): `aud` the API's app id, `azp`, `scp`. */
export function entraV2AccessClaims(overrides: Claims = {}): Claims {
  return {
    aud: entraApiAppId,
    iss: `https://login.microsoftonline.com/${entraTenantId}/v2.0`,
    ...lifetime(),
    azp: entraViewerAppId,
    azpacr: '0',
    name: 'Rad Reader',
    oid: randomUUID(),
    preferred_username: 'reader@example.test',
    scp: 'Imaging.Read',
    sub: 'Yx3q8mzB5r0L2n3kVdEs1sgS9Zr7QwP0c8pJ',
    tid: entraTenantId,
    uti: 'AbCdEfGh',
    ver: '2.0',
    ...overrides,
  };
}

/** Entra ID v1.0 access token (the default for a new app registration): `aud` the Application ID URI, `appid`. */
export function entraV1AccessClaims(overrides: Claims = {}): Claims {
  return {
    aud: `api://${entraApiAppId}`,
    iss: `https://sts.windows.net/${entraTenantId}/`,
    ...lifetime(),
    appid: entraViewerAppId,
    appidacr: '0',
    name: 'Rad Reader',
    oid: randomUUID(),
    scp: 'Imaging.Read',
    sub: 'Yx3q8mzB5r0L2n3kVdEs1sgS9Zr7QwP0c8pJ',
    tid: entraTenantId,
    upn: 'reader@example.test',
    ver: '1.0',
    ...overrides,
  };
}

/** Okta custom authorization server: `aud` its audience, `cid`, `scp` as an array, `sub` the login. */
export function oktaAccessClaims(overrides: Claims = {}): Claims {
  return {
    ver: 1,
    jti: `AT.${randomUUID()}`,
    iss: 'https://example.okta.com/oauth2/default',
    aud: 'api://dicomweb',
    ...lifetime(),
    cid: '0oa1b2c3d4e5f6g7h8i9',
    uid: '00u1a2b3c4d5e6f7g8h9',
    scp: ['openid', 'profile', 'imaging.read'],
    auth_time: nowSeconds(),
    sub: 'reader@example.test',
    groups: ['Radiologists'],
    ...overrides,
  };
}

/** Keycloak realm: `typ: Bearer`, `azp`, `aud` with `account`, roles nested in `realm_access` and `resource_access`. */
export function keycloakAccessClaims(overrides: Claims = {}): Claims {
  return {
    ...lifetime(),
    auth_time: nowSeconds(),
    jti: randomUUID(),
    iss: 'https://sso.example.test/realms/imaging',
    aud: ['dicomweb', 'account'],
    sub: randomUUID(),
    typ: 'Bearer',
    azp: 'ohif-viewer',
    sid: randomUUID(),
    acr: '1',
    'allowed-origins': ['https://viewer.example.test'],
    realm_access: { roles: ['default-roles-imaging', 'offline_access', 'imaging-reader'] },
    resource_access: {
      'ohif-viewer': { roles: ['reader'] },
      account: { roles: ['manage-account', 'view-profile'] },
    },
    scope: 'openid profile email',
    email_verified: true,
    preferred_username: 'reader',
    ...overrides,
  };
}

/** Auth0 API access token: issuer with trailing slash, `aud` an array with the userinfo URL, `permissions` (RBAC). */
export function auth0AccessClaims(overrides: Claims = {}): Claims {
  return {
    iss: 'https://example.eu.auth0.com/',
    sub: 'auth0|6543a1b2c3d4e5f6a7b8c9d0',
    aud: ['https://dicomweb.example.test', 'https://example.eu.auth0.com/userinfo'],
    ...lifetime(),
    scope: 'openid profile email',
    azp: 'Xy12Ab34Cd56Ef78Gh90Ij12Kl34Mn56',
    permissions: ['read:studies'],
    ...overrides,
  };
}
