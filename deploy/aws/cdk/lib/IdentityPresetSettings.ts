import type { GrantRule } from 'ohif-healthimaging-authorizer';

/** The identity providers the deploy settings know by name, besides `cognito` (created by the stack) and `oidc`. */
export type IdentityPreset = 'entra-id' | 'okta' | 'keycloak' | 'auth0';

export const identityPresets: readonly IdentityPreset[] = ['entra-id', 'okta', 'keycloak', 'auth0'];

/** Keys every named provider has: the viewer's client and what the authorizer grants. */
interface CommonPresetSettings {
  /**
   * The viewer's public client id at the provider (a single-page application: code flow with PKCE, no secret).
   * Required.
   */
  clientId: string;
  /**
   * Claim and scope rules giving `read` or `write`, replacing the provider's default rules (documented on each
   * provider's settings). Absent: those rules (`presetProfile`).
   */
  grants?: GrantRule[];
  /** Scopes every access token must carry. Default `[]`. */
  requiredScopes: string[];
  /**
   * Other clients of the same provider (e.g. an import tool) whose access tokens the authorizer accepts. Default `[]`.
   */
  additionalClientIds: string[];
  /** Origins the browser must reach besides the provider's own (added to the CSP `connect-src`). Default `[]`. */
  extraConnectOrigins: string[];
}

/**
 * Microsoft Entra ID (Azure AD): an app registration exposing an API scope (`api://<app id>/Imaging.Read`) and an
 * app role for importers. Default grants: the scope → read, the app role (`roles` claim) → write.
 */
export interface EntraIdIdentitySettings extends CommonPresetSettings {
  provider: 'entra-id';
  /** Directory (tenant) ID, a lowercase GUID. Required. */
  tenantId: string;
  /**
   * Application (client) ID of the registration that exposes the API. Default: `clientId` (one registration for both).
   */
  apiAppId: string;
  /** Application ID URI of that registration (Expose an API). Default `api://<apiAppId>`. */
  apiAppIdUri: string;
  /** Name of the exposed scope the viewer asks for, without the URI prefix. Default `Imaging.Read`. */
  scope: string;
  /** App role of importers (write access). Default `Imaging.Importer`. */
  importerRole: string;
  /**
   * Access token version the API registration issues (its manifest's `accessTokenAcceptedVersion`: `2`, or `1`
   * when null). Decides the issuer written in the settings; the authorizer accepts the tenant's other form too.
   * Default 2.
   */
  tokenVersion: 1 | 2;
}

/**
 * Okta with a custom authorization server (`https://<org>.okta.com/oauth2/<id>`). Default grants: the scope → read,
 * the `groups` claim containing `importerGroup` → write.
 */
export interface OktaIdentitySettings extends CommonPresetSettings {
  provider: 'okta';
  /** The Okta org's origin, e.g. `https://example.okta.com` (or a custom domain). Required. */
  domain: string;
  /** The custom authorization server's id (Security > API > Authorization Servers). Default `default`. */
  authorizationServerId: string;
  /** The authorization server's Audience setting. Default `api://default` (Okta's default server). */
  audience: string;
  /** Scope of the authorization server the viewer asks for (read access). Default `imaging.read`. */
  scope: string;
  /** Group (in a `groups` claim added to access tokens) of importers. Default `Importers`. */
  importerGroup: string;
}

/**
 * A Keycloak realm, with an Audience mapper adding `audience` to the viewer's access tokens. Default grants: realm
 * roles (`realm_access.roles`) `readerRole` → read, `importerRole` → write.
 */
export interface KeycloakIdentitySettings extends CommonPresetSettings {
  provider: 'keycloak';
  /** The realm's issuer, `https://<host>/realms/<realm>` (`/auth/realms/<realm>` before Keycloak 17). Required. */
  realmUrl: string;
  /** The audience the Audience mapper adds ("Included Custom Audience"). Default `dicomweb`. */
  audience: string;
  /** Realm role of readers. Default `imaging-reader`. */
  readerRole: string;
  /** Realm role of importers. Default `imaging-importer`. */
  importerRole: string;
}

/**
 * An Auth0 tenant with an API (its Identifier is the audience) with RBAC permissions in the access token. Default
 * grants: permission `readPermission` → read, `writePermission` → write.
 */
export interface Auth0IdentitySettings extends CommonPresetSettings {
  provider: 'auth0';
  /** The tenant's origin, e.g. `https://example.eu.auth0.com` (or its custom domain). Required. */
  domain: string;
  /** The API's Identifier (APIs > Settings), sent as `audience` at sign-in. Required. */
  audience: string;
  /** RBAC permission of readers. Default `read:studies`. */
  readPermission: string;
  /** RBAC permission of importers. Default `write:studies`. */
  writePermission: string;
}

export type PresetIdentitySettings =
  EntraIdIdentitySettings | OktaIdentitySettings | KeycloakIdentitySettings | Auth0IdentitySettings;
