import type { AccessTokenShape } from './accessTokenShapes';
import type { IdpProfileName } from './idpProfiles';

/** The groups a user can belong to; they decide the role the authorizer maps the user's tokens to. */
export type UserGroup = 'readers' | 'importers';

/** A user who can sign in on the local provider's sign-in page. */
export interface LocalUser {
  /** What the user types as username; also the `sub` of the user's tokens. */
  username: string;
  /** What the user types as password (plain text: these are local demo accounts, never real ones). */
  password: string;
  /** Shown by the viewer (`name` claim of the ID token). Default: the username. */
  name?: string;
  /** The `groups` claim of the user's access tokens. `importers` may also be granted `user/ImagingStudy.write`. */
  groups: UserGroup[];
}

/** How to start the local OpenID Connect provider. Only `dataDir`, `resource` and `viewer.redirectUris` are needed. */
export interface OidcProviderOptions {
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port to listen on; 0 picks a free one (read the real one from `RunningOidcProvider.issuer`). Default 0. */
  port?: number;
  /**
   * Issuer identifier (the `iss` of every token and the base of every endpoint). Default `http://<host>:<port>`
   * with the port actually listened on.
   */
  issuer?: string;
  /**
   * Folder of the provider's state: `jwks.json` (signing keys, generated once), `cookie-keys.json` and
   * `provider-state.json` (sessions, grants, refresh tokens). Created if missing. Reusing it across restarts keeps
   * sessions and refresh tokens valid. Required.
   */
  dataDir: string;
  /**
   * The resource indicator of the DICOMweb endpoint (its base URL): the `aud` of every access token. Clients need
   * not send `resource`: this is the default. Required.
   */
  resource: string;
  /** Lifetime of access tokens (viewer and importer), in seconds. Default 300. */
  accessTokenTtlSeconds?: number;
  /**
   * Lifetime of a sign-in's refresh tokens, in seconds. Rotation keeps the first token's expiry: after this long
   * the user signs in again. Default 28800 (8 hours).
   */
  refreshTokenTtlSeconds?: number;
  /** Lifetime of ID tokens, in seconds. Default: `accessTokenTtlSeconds`. */
  idTokenTtlSeconds?: number;
  /** The public viewer client (`ohif-viewer`): authorization code with PKCE S256, rotating refresh tokens. */
  viewer: {
    /** Where the provider may send the browser back with a code. At least one. */
    redirectUris: string[];
    /** Where the provider may send the browser after sign-out (`post_logout_redirect_uri`). Default none. */
    postLogoutRedirectUris?: string[];
    /** Origins (`scheme://host:port`) that may call the token, revocation and userinfo endpoints from a browser. Default: the origins of `redirectUris`. */
    allowedOrigins?: string[];
  };
  /** The confidential importer client (`dicom-importer`): client_credentials, scope `system/ImagingStudy.write`. */
  importer?: {
    /** Its client secret (HTTP Basic authentication at the token endpoint). Default `'dicom-importer-secret'`. */
    clientSecret?: string;
  };
  /** Who can sign in. Default: `reader`/`reader-password` (readers) and `importer`/`importer-password` (importers). */
  users?: LocalUser[];
  /** Serve `GET /__local/stats` and `POST /__local/stats/reset` for tests and benchmarks. Default false. */
  testControl?: boolean;
  /**
   * Add the access token claims of a real provider (`entra-id`, `okta`, `keycloak`, `auth0`; see
   * `accessTokenShapes.ts`) to the RFC 9068 ones. Default `rfc9068`: nothing added.
   */
  accessTokenShape?: AccessTokenShape;
  /**
   * Stand in for a real provider (`entra-id`, `entra-id-v1`, `okta`, `keycloak`, `auth0`; see `idpProfiles.ts`): its
   * issuer form (a path below this provider's origin, unless `issuer` is given), its keys path, the audience, claims
   * and `typ` of its access tokens, the scopes the viewer asks for, no revocation endpoint where it has none.
   * Not with `accessTokenShape`. Default `oidc`: this provider's own RFC 9068 tokens.
   */
  idpProfile?: IdpProfileName;
}

/** `OidcProviderOptions` with every default applied and every value checked. */
export interface ResolvedOidcProviderOptions {
  host: string;
  port: number;
  /** Undefined until the port is known: `startOidcProvider` then uses `http://<host>:<port>`. */
  issuer: string | undefined;
  dataDir: string;
  resource: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  viewer: { redirectUris: string[]; postLogoutRedirectUris: string[]; allowedOrigins: string[] };
  importer: { clientSecret: string };
  users: LocalUser[];
  testControl: boolean;
  accessTokenShape: AccessTokenShape;
  idpProfile: IdpProfileName;
}

export const viewerClientId = 'ohif-viewer';
export const importerClientId = 'dicom-importer';

/** Resource scopes a user's group may be granted for the viewer (the user asks; the group decides). */
export const resourceScopesByGroup: Record<UserGroup, string[]> = {
  readers: ['user/ImagingStudy.read'],
  importers: ['user/ImagingStudy.read', 'user/ImagingStudy.write'],
};

/** Resource scopes the importer client may ask for with client_credentials. */
export const importerClientScopes = ['system/ImagingStudy.write'];

/** The groups claim of the importer client's own (client_credentials) tokens. */
export const importerClientGroups: UserGroup[] = ['importers'];

export const demoUsers: LocalUser[] = [
  { username: 'reader', password: 'reader-password', name: 'Demo Reader', groups: ['readers'] },
  { username: 'importer', password: 'importer-password', name: 'Demo Importer', groups: ['importers'] },
];

export const defaultImporterClientSecret = 'dicom-importer-secret';
