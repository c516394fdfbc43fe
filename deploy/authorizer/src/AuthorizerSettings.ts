import type { Jwks } from 'aws-jwt-verify/jwk';

/** What a grant rule gives: `read` lets the reader role act; `write` gives the importer role (read and store). */
export type Grant = 'read' | 'write';

/**
 * Grants `grant` when the access token's claim `claim` is the string `includes`, or is an array that contains it.
 * Example: `{ claim: 'cognito:groups', includes: 'readers', grant: 'read' }`.
 */
export interface ClaimGrantRule {
  /** Top-level claim name, taken literally (`cognito:groups`, `groups`, `https://example.com/roles`). */
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
   * Where the provider publishes its signing keys. Fetched on the first token (or at cold start) and cached;
   * fetched again only when a token names a key id (`kid`) the cache does not hold (key rotation).
   * Default for `cognito`: `<issuer>/.well-known/jwks.json`. For `oidc` required unless `jwks` is given
   * (then no key is ever fetched). Same scheme rule as `issuer`.
   */
  jwksUri?: string;
  /**
   * The provider's public signing keys, given at deploy time: no fetch is needed before the first token.
   * With a `jwksUri` too, the URI is still used when a token names an unknown `kid`. Every key needs a `kid`.
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
  /** Seconds of clock skew allowed on `exp` and `nbf` (0–300). Default 0. */
  clockToleranceSeconds?: number;
}

/** Amazon Cognito user pool: only access tokens (`token_use: access`) of the listed app clients pass. */
export interface CognitoAuthorizerSettings extends CommonAuthorizerSettings {
  provider: 'cognito';
  /** App client ids whose access tokens are accepted (the `client_id` claim; Cognito access tokens have no `aud`). */
  clientIds: string[];
}

/** Any OpenID Connect / OAuth 2 provider issuing JWT access tokens (RFC 9068 style). */
export interface OidcAuthorizerSettings extends CommonAuthorizerSettings {
  provider: 'oidc';
  /** Accepted `aud` values (at least one must appear in the token), usually the DICOMweb resource URL. */
  audiences: string[];
}

export type AuthorizerSettings = CognitoAuthorizerSettings | OidcAuthorizerSettings;

/** Settings after `parseAuthorizerSettings`: validated, with every default filled in. */
export type ResolvedAuthorizerSettings = AuthorizerSettings &
  Required<Pick<CommonAuthorizerSettings, 'requiredScopes' | 'jwksFetchTimeoutMs' | 'maxTokenBytes' | 'clockToleranceSeconds'>>;

export const authorizerDefaults = {
  requiredScopes: [] as string[],
  jwksFetchTimeoutMs: 500,
  maxTokenBytes: 8192,
  clockToleranceSeconds: 0,
} as const;
