import type { GrantRule, OidcAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import type { PresetIdentitySettings } from './IdentityPresetSettings';

/** What the viewer's `auth` block gets from the deployment (through the stack outputs). */
export interface ViewerSignIn {
  /** The issuer the viewer discovers its endpoints from (`<authority>/.well-known/openid-configuration`). */
  authority: string;
  clientId: string;
  /** Scopes the viewer asks for; the one that makes the provider issue an access token for this API included. */
  scope: string;
  /** Authorization request parameters the provider needs (Auth0: the API's `audience`). */
  extraQueryParams?: Record<string, string>;
}

/**
 * The part of a preset's deployment that the identity provider decides: authorizer settings, viewer sign-in, CSP
 * origins.
 */
export interface PresetProfile {
  /** The authorizer settings except `roles` and the function's own (`jwksFetchTimeoutMs`). */
  authorizer: Omit<OidcAuthorizerSettings, 'roles'>;
  viewer: ViewerSignIn;
  /** Origins the viewer's browser calls (discovery, token, revocation and logout endpoints). */
  connectOrigins: string[];
}

/** Microsoft's sign-in and v1 token hosts; the local stack stands in for both with its provider's origin. */
export interface MicrosoftHosts {
  login: string;
  sts: string;
}

const microsoftHosts: MicrosoftHosts = { login: 'https://login.microsoftonline.com', sts: 'https://sts.windows.net' };
/** `offline_access` makes Entra, Okta and Auth0 issue the refresh token the viewer's session lives on. */
const refreshScopes = 'openid profile offline_access';

/**
 * The authorizer and viewer settings of a named provider, as its README section documents them: the issuer form
 * the provider writes, the audience of this API, the client claim checked against the viewer (and the additional
 * clients), the scope the viewer must ask for, and the provider's default grant rules unless `grants` was given.
 */
export function presetProfile(identity: PresetIdentitySettings, hosts: MicrosoftHosts = microsoftHosts): PresetProfile {
  const clientIds = [identity.clientId, ...identity.additionalClientIds];
  const shared = {
    clientIds,
    requiredScopes: identity.requiredScopes,
    grants: identity.grants ?? defaultGrants(identity),
  };
  const withExtra = (origins: string[]) => [...new Set([...origins, ...identity.extraConnectOrigins])];
  switch (identity.provider) {
    case 'entra-id': {
      const v2Issuer = `${hosts.login}/${identity.tenantId}/v2.0`;
      const oneRegistration = identity.apiAppId === identity.clientId;
      return {
        authorizer: {
          provider: 'entra-id',
          // The other form of the tenant's issuer is accepted too (the authorizer's entra-id profile adds it).
          issuer: identity.tokenVersion === 2 ? v2Issuer : `${hosts.sts}/${identity.tenantId}/`,
          // v2 tokens name the API by its app id, v1 tokens by its Application ID URI.
          audiences: [
            ...new Set(
              identity.tokenVersion === 2
                ? [identity.apiAppId, identity.apiAppIdUri]
                : [identity.apiAppIdUri, identity.apiAppId],
            ),
          ],
          // With one registration for viewer and API the ID token's aud is the API's too: the scope grant tells them
          // apart.
          viewerClientIds: oneRegistration ? [] : [identity.clientId],
          ...shared,
        },
        // Discovery is always the v2 endpoint's (its ID tokens have the v2 issuer), whatever the access tokens'
        // version.
        viewer: {
          authority: v2Issuer,
          clientId: identity.clientId,
          scope: `${refreshScopes} ${identity.apiAppIdUri}/${identity.scope}`,
        },
        connectOrigins: withExtra([hosts.login]),
      };
    }
    case 'okta': {
      const issuer = `${identity.domain}/oauth2/${identity.authorizationServerId}`;
      return {
        authorizer: { provider: 'okta', issuer, audiences: [identity.audience], ...shared },
        viewer: { authority: issuer, clientId: identity.clientId, scope: `${refreshScopes} ${identity.scope}` },
        connectOrigins: withExtra([identity.domain]),
      };
    }
    case 'keycloak':
      return {
        authorizer: { provider: 'keycloak', issuer: identity.realmUrl, audiences: [identity.audience], ...shared },
        // Keycloak issues a refresh token in the code flow without offline_access (which would make it an offline
        // token).
        viewer: { authority: identity.realmUrl, clientId: identity.clientId, scope: 'openid profile' },
        connectOrigins: withExtra([new URL(identity.realmUrl).origin]),
      };
    case 'auth0': {
      // Auth0 writes its iss with a trailing slash.
      const issuer = `${identity.domain}/`;
      return {
        authorizer: { provider: 'auth0', issuer, audiences: [identity.audience], ...shared },
        // Without the API's audience Auth0 issues an opaque token for its userinfo endpoint only.
        viewer: {
          authority: issuer,
          clientId: identity.clientId,
          scope: refreshScopes,
          extraQueryParams: { audience: identity.audience },
        },
        connectOrigins: withExtra([identity.domain]),
      };
    }
  }
}

/**
 * Each provider's grant rules when `grants` is not given: Entra the API scope (`scp`) reads, the app role (`roles`)
 * writes; Okta the scope reads, the group (`groups`) writes; Keycloak realm roles; Auth0 RBAC `permissions`.
 */
export function defaultGrants(identity: PresetIdentitySettings): GrantRule[] {
  switch (identity.provider) {
    case 'entra-id':
      return [
        { scope: identity.scope, grant: 'read' },
        { claim: 'roles', includes: identity.importerRole, grant: 'write' },
      ];
    case 'okta':
      return [
        { scope: identity.scope, grant: 'read' },
        { claim: 'groups', includes: identity.importerGroup, grant: 'write' },
      ];
    case 'keycloak':
      return [
        { claim: 'realm_access.roles', includes: identity.readerRole, grant: 'read' },
        { claim: 'realm_access.roles', includes: identity.importerRole, grant: 'write' },
      ];
    case 'auth0':
      return [
        { scope: identity.readPermission, grant: 'read' },
        { scope: identity.writePermission, grant: 'write' },
      ];
  }
}
