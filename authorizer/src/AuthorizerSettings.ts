import type { Jwks } from 'aws-jwt-verify/jwk';

/** What a grant rule gives: `read` lets the reader role act; `write` gives the importer role (read and store). */
export type Grant = 'read' | 'write';

/**
 * Grants `grant` when the access token's claim `claim` is the string `includes`, or is an array that contains it.
 * Examples: `{ claim: 'cognito:groups', includes: 'readers', grant: 'read' }`,
 * `{ claim: 'realm_access.roles', includes: 'imaging-reader', grant: 'read' }`.
 */
export interface ClaimGrantRule {
  /**
   * A claim name (`cognito:groups`, `groups`, `roles`, `https://example.com/roles`) or a dotted path into nested
   * claims (`realm_access.roles`, `resource_access.ohif-viewer.roles`). A name the token has as it is wins; otherwise
   * the dots separate object keys, the longest key that exists first (so `resource_access.my.client.roles` finds the
   * client `my.client`).
   */
  claim: string;
  /** The value the claim must be (string claim) or contain (array claim). Compared exactly, case-sensitive. */
  includes: string;
  grant: Grant;
}

/**
 * Grants `grant` when one of the token's scopes covers `scope` (see `scopeCovers` for the SMART wildcards).
 * Example: `{ scope: 'user/ImagingStudy.read', grant: 'read' }`.
 */
export interface ScopeGrantRule {
  /** A concrete scope such as `user/ImagingStudy.read` or `system/ImagingStudy.write`. */
  scope: string;
  grant: Grant;
}

export type GrantRule = ClaimGrantRule | ScopeGrantRule;

/** The two IAM roles HealthImaging assumes on the caller's behalf. Both must trust `medical-imaging.amazonaws.com`. */
export interface AuthorizerRoles {
  /** Role ARN returned for a `read` grant; its policy should allow the read actions only. */
  reader: string;
  /** Role ARN returned for a `write` grant; its policy allows read and store actions. */
  importer: string;
}

/** Settings common to both kinds of provider. A plain JSON object: the Lambda reads it from `AUTHORIZER_SETTINGS`. */
interface CommonAuthorizerSettings {
  /**
   * The token issuer, exactly as in the `iss` claim, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123`.
   * Must be `https://`, except `http://` on a loopback host (127.0.0.1, localhost, [::1]) for local development.
   */
  issuer: string;
  /**
   * Where the provider publishes its signing keys. Fetched on the first token (or at cold start), cached for
   * `jwksCacheSeconds`, and fetched again sooner when a token names a key id (`kid`) the cache does not hold (key
   * rotation). Default for `cognito`: `<issuer>/.well-known/jwks.json`; `entra-id`, `okta`, `keycloak` and `auth0`
   * derive it from the issuer; for `oidc` required unless `jwks` is given (then no key is ever fetched). Same scheme
   * rule as `issuer`.
   */
  jwksUri?: string;
  /**
   * The provider's public signing keys, given at deploy time: no fetch is needed before the first token.
   * With a `jwksUri` too, they are replaced by the fetched keys after `jwksCacheSeconds` or on an unknown `kid`. Every
   * key needs a `kid`.
   */
  jwks?: Jwks;
  /**
   * Scopes every token must carry (each one covered by a token scope, SMART wildcards apply).
   * Default `[]`: no scope required beyond what the grant rules ask.
   */
  requiredScopes?: string[];
  /** The role ARNs handed back to HealthImaging. */
  roles: AuthorizerRoles;
  /**
   * Rules mapping token claims and scopes to a grant; at least one. Every matching rule counts; `write` wins over
   * `read`. A token no rule matches is denied.
   */
  grants: GrantRule[];
  /** When set, events for any other datastore are denied. Default: any datastore that invokes the authorizer. */
  datastoreId?: string;
  /**
   * Time limit for one JWKS fetch, in milliseconds (1–1000). Default 500: HealthImaging gives the authorizer 1 s
   * in total, and aws-jwt-verify's own default (3 s, retried once) would overrun it.
   */
  jwksFetchTimeoutMs?: number;
  /** Tokens longer than this many bytes are denied before they are parsed (512–65536). Default 8192. */
  maxTokenBytes?: number;
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat` (0–300). Default 0. */
  clockToleranceSeconds?: number;
  /**
   * Longest lifetime (`exp` − `iat`) a token may have, in seconds (60–43200). Default: none beyond HealthImaging's
   * own rule that `iat` is at most 12 h old, which always applies.
   */
  maxTokenLifetimeSeconds?: number;
  /**
   * Seconds keys fetched from `jwksUri` are trusted before the next token fetches them again (30–3600), so a key the
   * provider removed stops being trusted. Default 300.
   */
  jwksCacheSeconds?: number;
}

/** Amazon Cognito user pool: only access tokens (`token_use: access`) of the listed app clients pass. */
export interface CognitoAuthorizerSettings extends CommonAuthorizerSettings {
  provider: 'cognito';
  /** App client ids whose access tokens are accepted (the `client_id` claim; Cognito access tokens have no `aud`). */
  clientIds: string[];
}

/**
 * The OpenID Connect providers with a profile: `oidc` is any provider issuing JWT access tokens (RFC 9068 style);
 * the others are `oidc` with that provider's issuer forms, JWKS location and client claim known (see
 * `oidcProfiles`), and its configuration mistakes refused with a message that says what to fix.
 */
export type OidcProvider = 'oidc' | 'entra-id' | 'okta' | 'keycloak' | 'auth0';

/** Claims that name the OAuth client a token was issued to: RFC 9068, Entra v2/Keycloak/Auth0, Okta, Entra v1. */
export type ClientClaim = 'client_id' | 'azp' | 'cid' | 'appid';

/** An OpenID Connect / OAuth 2 provider issuing JWT access tokens. */
export interface OidcAuthorizerSettings extends CommonAuthorizerSettings {
  provider: OidcProvider;
  /** Accepted `aud` values (at least one must appear in the token, a string or an array), e.g. the API identifier. */
  audiences: string[];
  /** More accepted `iss` values, e.g. an Entra tenant's v1 and v2 forms (`entra-id` adds the other form itself). */
  additionalIssuers?: string[];
  /**
   * The claims naming the client, in order: the first present is the token's client (logged, and checked against
   * `clientIds`). Default per profile: `oidc` client_id then azp; `entra-id` azp then appid; `okta` cid;
   * `keycloak` azp; `auth0` azp then client_id (its RFC 9068 token profile).
   */
  clientClaims?: ClientClaim[];
  /** When set, only tokens issued to these clients pass (`wrong-client` otherwise). Default: any client. */
  clientIds?: string[];
  /**
   * The viewer's own client ids: a token whose `aud` is one of them is an ID token (issued to the viewer), not an
   * access token for this API, and is refused. Must not overlap `audiences`. Default `[]`.
   */
  viewerClientIds?: string[];
  /**
   * Require the `typ` header `at+jwt` (RFC 9068), for providers that set it (node-oidc-provider, Auth0's RFC 9068
   * profile...). Default false: Entra, Okta and Keycloak send `JWT` for every token.
   */
  requireAccessTokenType?: boolean;
  /**
   * Refuse a token with a `nonce` claim: only ID tokens carry one. Default true, except `keycloak` (before
   * version 25 Keycloak copied the nonce into access tokens; its ID tokens are told by `typ: "ID"` instead).
   */
  refuseNonce?: boolean;
}

export type AuthorizerSettings = CognitoAuthorizerSettings | OidcAuthorizerSettings;

type ResolvedCommon = Required<
  Pick<
    CommonAuthorizerSettings,
    'requiredScopes' | 'jwksFetchTimeoutMs' | 'maxTokenBytes' | 'clockToleranceSeconds' | 'jwksCacheSeconds'
  >
>;

export type ResolvedOidcAuthorizerSettings = OidcAuthorizerSettings &
  ResolvedCommon &
  Required<
    Pick<
      OidcAuthorizerSettings,
      'additionalIssuers' | 'clientClaims' | 'viewerClientIds' | 'requireAccessTokenType' | 'refuseNonce'
    >
  >;

/** Settings after `parseAuthorizerSettings`: validated, with every default filled in. */
export type ResolvedAuthorizerSettings = (CognitoAuthorizerSettings & ResolvedCommon) | ResolvedOidcAuthorizerSettings;

export const authorizerDefaults = {
  requiredScopes: [] as string[],
  jwksFetchTimeoutMs: 500,
  maxTokenBytes: 8192,
  clockToleranceSeconds: 0,
  jwksCacheSeconds: 300,
  requireAccessTokenType: false,
} as const;
