import { resourceScopesByGroup, type UserGroup } from './OidcProviderOptions';

/**
 * The identity providers the local provider can stand in for, as the authorizer and the viewer meet them: the issuer
 * form (a path below the local origin, which stands in for the provider's host), where the keys are published, the
 * audience and claims of the access tokens, the scopes the viewer asks for, and whether there is a revocation
 * endpoint. `oidc` is the local provider's own RFC 9068 shape.
 */
export type IdpProfileName = 'oidc' | 'entra-id' | 'entra-id-v1' | 'okta' | 'keycloak' | 'auth0';

export const idpProfileNames: readonly IdpProfileName[] = [
  'oidc',
  'entra-id',
  'entra-id-v1',
  'okta',
  'keycloak',
  'auth0',
];

/** The local Entra tenant and the app registration that exposes the API (one registration with the viewer's). */
export const localEntra = {
  tenantId: '5e1f0c4a-0000-4000-8000-00000000100c',
  apiAppId: '5e1f0c4a-0000-4000-8000-0000000a9100',
  readScope: 'Imaging.Read',
  importerRole: 'Imaging.Importer',
} as const;

/** The names the other emulated providers are configured with: the defaults of the deploy settings. */
export const localOkta = {
  authorizationServerId: 'default',
  audience: 'api://default',
  readScope: 'imaging.read',
  importerGroup: 'Importers',
} as const;
export const localKeycloak = {
  realm: 'imaging',
  audience: 'dicomweb',
  readerRole: 'imaging-reader',
  importerRole: 'imaging-importer',
} as const;
export const localAuth0 = { readPermission: 'read:studies', writePermission: 'write:studies' } as const;

/** Microsoft Graph's app id: the audience of an Entra token asked for without any API's scope. */
export const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';

/** What the local provider needs of a profile; the authorizer and viewer settings are in the local stack. */
export interface IdpProfile {
  name: IdpProfileName;
  /** The issuer's path below the provider's origin (`''`: the origin itself; Auth0's `/` keeps its trailing slash). */
  issuerPath: string;
  /** The provider's own path of its keys, served besides `/jwks` (undefined: only `/jwks`). */
  jwksPath?: string;
  /** Whether discovery lists a revocation endpoint (Entra's has none). */
  revocation: boolean;
  /** The resource scopes each group may be granted, as the viewer asks for them. */
  resourceScopes: Record<UserGroup, string[]>;
  /** The `aud` of a viewer's access token for the API, a string or an array as the provider writes it. */
  audience(resource: string, issuer: string): string | string[];
  /**
   * Rewrites the access token the local provider made (RFC 9068 claims plus `groups`) into the provider's shape:
   * its claims, and the `typ` header (`JWT` for all but the local RFC 9068 one).
   */
  shape(token: { header?: Record<string, unknown>; payload: Record<string, unknown> }, issuer: string): void;
}

const entraApiUri = `api://${localEntra.apiAppId}`;

/** Group names as each provider's own configuration would have them (README sections of deploy/aws). */
const oktaGroups: Record<UserGroup, string> = { readers: 'Radiologists', importers: localOkta.importerGroup };
const keycloakRoles: Record<UserGroup, string[]> = {
  readers: [localKeycloak.readerRole],
  importers: [localKeycloak.readerRole, localKeycloak.importerRole],
};
const auth0Permissions: Record<UserGroup, string[]> = {
  readers: [localAuth0.readPermission],
  importers: [localAuth0.readPermission, localAuth0.writePermission],
};

const groupsOf = (payload: Record<string, unknown>) =>
  Array.isArray(payload.groups) ? (payload.groups as UserGroup[]) : [];
const scopesOf = (payload: Record<string, unknown>) =>
  typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];

function entra(version: 1 | 2): IdpProfile {
  return {
    name: version === 2 ? 'entra-id' : 'entra-id-v1',
    issuerPath: `/${localEntra.tenantId}/v2.0`,
    jwksPath: `/${localEntra.tenantId}/discovery/v2.0/keys`,
    revocation: false,
    resourceScopes: {
      readers: [`${entraApiUri}/${localEntra.readScope}`],
      importers: [`${entraApiUri}/${localEntra.readScope}`],
    },
    audience: () => (version === 2 ? localEntra.apiAppId : entraApiUri),
    shape(token, issuer) {
      const { payload } = token;
      const groups = groupsOf(payload);
      const scopes = scopesOf(payload).map(scope => scope.replace(`${entraApiUri}/`, ''));
      const client = payload.client_id;
      delete payload.client_id;
      delete payload.scope;
      delete payload.groups;
      token.header = { ...token.header, typ: 'JWT' };
      Object.assign(payload, {
        // v1 tokens name the tenant in the other issuer form (sts.windows.net/<tenant>/: here the same origin).
        ...(version === 1
          ? { iss: `${new URL(issuer).origin}/${localEntra.tenantId}/`, appid: client }
          : { azp: client }),
        tid: localEntra.tenantId,
        ver: version === 2 ? '2.0' : '1.0',
        roles: groups.includes('importers') ? [localEntra.importerRole] : [],
      });
      if (scopes.length > 0) {
        payload.scp = scopes.join(' ');
      } else {
        // Asked for without this API's scope, Entra issues a token for Microsoft Graph (which only Graph can verify).
        payload.aud = microsoftGraphAppId;
        payload.scp = 'openid profile email User.Read';
      }
    },
  };
}

const profiles: Record<IdpProfileName, IdpProfile> = {
  oidc: {
    name: 'oidc',
    issuerPath: '',
    revocation: true,
    resourceScopes: resourceScopesByGroup,
    audience: resource => resource,
    shape: () => undefined,
  },
  'entra-id': entra(2),
  'entra-id-v1': entra(1),
  okta: {
    name: 'okta',
    issuerPath: `/oauth2/${localOkta.authorizationServerId}`,
    jwksPath: `/oauth2/${localOkta.authorizationServerId}/v1/keys`,
    revocation: true,
    resourceScopes: { readers: [localOkta.readScope], importers: [localOkta.readScope] },
    audience: () => localOkta.audience,
    shape(token) {
      const { payload } = token;
      token.header = { ...token.header, typ: 'JWT' };
      Object.assign(payload, {
        cid: payload.client_id,
        scp: scopesOf(payload),
        groups: groupsOf(payload).map(group => oktaGroups[group]),
        ver: 1,
      });
      delete payload.client_id;
      delete payload.scope;
    },
  },
  keycloak: {
    name: 'keycloak',
    issuerPath: `/realms/${localKeycloak.realm}`,
    jwksPath: `/realms/${localKeycloak.realm}/protocol/openid-connect/certs`,
    revocation: true,
    resourceScopes: { readers: [], importers: [] },
    audience: () => [localKeycloak.audience, 'account'],
    shape(token) {
      const { payload } = token;
      const roles = [
        `default-roles-${localKeycloak.realm}`,
        'offline_access',
        ...new Set(groupsOf(payload).flatMap(group => keycloakRoles[group])),
      ];
      token.header = { ...token.header, typ: 'JWT' };
      Object.assign(payload, {
        typ: 'Bearer',
        azp: payload.client_id,
        realm_access: { roles },
        resource_access: { account: { roles: ['view-profile'] } },
        scope: 'openid profile',
      });
      delete payload.client_id;
      delete payload.groups;
    },
  },
  auth0: {
    name: 'auth0',
    issuerPath: '/',
    jwksPath: '/.well-known/jwks.json',
    revocation: true,
    resourceScopes: { readers: [], importers: [] },
    audience: (resource, issuer) => [resource, `${issuer}userinfo`],
    shape(token) {
      const { payload } = token;
      token.header = { ...token.header, typ: 'JWT' };
      Object.assign(payload, {
        azp: payload.client_id,
        scope: 'openid profile offline_access',
        permissions: [...new Set(groupsOf(payload).flatMap(group => auth0Permissions[group]))],
      });
      delete payload.client_id;
      delete payload.groups;
    },
  },
};

export function idpProfile(name: IdpProfileName): IdpProfile {
  return profiles[name];
}

export function isIdpProfileName(value: unknown): value is IdpProfileName {
  return typeof value === 'string' && (idpProfileNames as readonly string[]).includes(value);
}
