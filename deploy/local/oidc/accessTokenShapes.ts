/**
 * Access token claims shaped as a real identity provider shapes them, added to the RFC 9068 claims the local
 * provider always writes (`iss`, `aud`, `client_id`, `scope`, `groups`...), so the authorizer settings documented for
 * that provider can be tried against a real sign-in: `rfc9068` adds nothing; `entra-id` the client in `azp`, `scp`
 * and the groups as app `roles`; `okta` the client in `cid` and `scp` as an array; `keycloak` `typ: Bearer`, `azp` and
 * the groups as realm and client roles (`realm_access.roles`, `resource_access.<client>.roles`); `auth0` `azp` and
 * the scopes as RBAC `permissions`. The issuer stays the local one: its form is the provider's own.
 */
export type AccessTokenShape = 'rfc9068' | 'entra-id' | 'okta' | 'keycloak' | 'auth0';

export const accessTokenShapes: readonly AccessTokenShape[] = ['rfc9068', 'entra-id', 'okta', 'keycloak', 'auth0'];

/** What a token is issued for, as far as the shapes need it. */
export interface IssuedFor {
  clientId: string;
  /** Space-separated granted scopes, as in the `scope` claim. */
  scope: string;
  groups: readonly string[];
}

/** The claims `shape` adds to an access token issued for `issued`. */
export function accessTokenShapeClaims(shape: AccessTokenShape, issued: IssuedFor): Record<string, unknown> {
  const scopes = issued.scope.split(' ').filter(scope => scope !== '');
  const roles = [...issued.groups];
  switch (shape) {
    case 'rfc9068':
      return {};
    case 'entra-id':
      return { azp: issued.clientId, scp: scopes.join(' '), roles, ver: '2.0' };
    case 'okta':
      return { cid: issued.clientId, scp: scopes, ver: 1 };
    case 'keycloak':
      return {
        typ: 'Bearer',
        azp: issued.clientId,
        realm_access: { roles },
        resource_access: { [issued.clientId]: { roles } },
      };
    case 'auth0':
      return {
        azp: issued.clientId,
        permissions: scopes.filter(scope => !['openid', 'profile', 'offline_access'].includes(scope)),
      };
  }
}
