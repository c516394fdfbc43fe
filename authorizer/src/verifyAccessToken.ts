import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  FetchError,
  JwkInvalidKtyError,
  JwkInvalidUseError,
  JwkValidationError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwtExpiredError,
  JwtInvalidAudienceError,
  JwtInvalidClaimError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtNotBeforeError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError,
  WaitPeriodNotYetEndedJwkError,
} from 'aws-jwt-verify/error';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { supportedSignatureAlgorithms } from 'aws-jwt-verify/jwt-verifier';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { maxTokenAgeSeconds } from 'ohif-healthimaging-contract';
import type { ClientClaim, ResolvedAuthorizerSettings, ResolvedOidcAuthorizerSettings } from './AuthorizerSettings';
import type { DenyReason } from './decisionLog';
import { TokenRejectedError } from './errors';
import { JwksSource } from './JwksSource';
import { entraTenantOf, keycloakAccountAudience, microsoftGraphAudiences } from './oidcProfiles';
import { hasScope, scopeClaims, tokenScopes } from './scopeMatches';

/** Checks a bearer token against the settings; built once per authorizer so keys stay cached. */
export interface AccessTokenVerifier {
  /** The verified claims, or a `TokenRejectedError` whose `reason` says why not. */
  verify(token: string): Promise<JwtPayload>;
  /** Loads the JWKS ahead of the first token when it has to be fetched; resolves to the failure, never rejects. */
  warmUp(): Promise<Error | undefined>;
}

/** `typ` header values of a JWT access token (RFC 9068 section 2.1), compared without case. */
const accessTokenTypes = ['at+jwt', 'application/at+jwt'];
/** Claims naming the client when the settings do not say (Cognito, and the log of a token not yet matched). */
const anyClientClaim: readonly ClientClaim[] = ['client_id', 'azp', 'cid', 'appid'];

/**
 * What is checked, in order: size (before any parsing), JWT shape, an asymmetric `alg` (so `none` and HS256,
 * e.g. signed with the public key as an HMAC secret, never reach a key) and no `crit` header (no JWS extension is
 * understood); then with aws-jwt-verify the `kid`, the signature, `exp`/`nbf` (with the clock tolerance), `iss`,
 * and for Cognito `token_use: access` and `client_id`; then here `exp` and `iat` (present, not in the future, at most
 * 12 h old, lifetime), for OpenID Connect providers that it is no ID token, its `aud` and its client; then that every
 * required scope is covered. A token refused before its signature verified and whose `aud` is Microsoft Graph's is
 * reported as such (Entra's default token, which nobody but Graph can verify).
 */
export function createAccessTokenVerifier(settings: ResolvedAuthorizerSettings): AccessTokenVerifier {
  let forgetKeyObjects: (jwks: Jwks) => void = () => undefined;
  const jwksSource = new JwksSource({
    fetchTimeoutMs: settings.jwksFetchTimeoutMs,
    cacheTtlMs: settings.jwksCacheSeconds * 1000,
    // aws-jwt-verify keeps the key object made from a JWK by issuer and kid; a key replaced under the same kid
    // must not stay trusted, so the verifier is given the new set, which drops those key objects.
    onKeysReplaced: jwks => forgetKeyObjects(jwks),
    ...(settings.jwksUri === undefined ? {} : { jwksUri: settings.jwksUri }),
    ...(settings.jwks === undefined ? {} : { jwks: settings.jwks }),
  });
  const common = { graceSeconds: settings.clockToleranceSeconds, includeRawJwtInErrors: true };
  let verifyJwt: (token: string) => Promise<JwtPayload>;
  if (settings.provider === 'cognito') {
    const verifier = CognitoJwtVerifier.create(
      {
        userPoolId: new URL(settings.issuer).pathname.slice(1),
        tokenUse: 'access',
        clientId: settings.clientIds,
        ...common,
      },
      { jwksCache: jwksSource },
    );
    verifyJwt = token => verifier.verify(token);
    forgetKeyObjects = jwks => verifier.cacheJwks(jwks);
  } else if (settings.additionalIssuers.length === 0) {
    // The audience is checked below, after the ID token checks, so a refusal names the more telling cause.
    const verifier = JwtVerifier.create(
      { issuer: settings.issuer, audience: null, ...common },
      { jwksCache: jwksSource },
    );
    verifyJwt = token => verifier.verify(token);
    forgetKeyObjects = jwks => verifier.cacheJwks(jwks);
  } else {
    const issuers = [settings.issuer, ...settings.additionalIssuers];
    const verifier = JwtVerifier.create(
      issuers.map(issuer => ({ issuer, audience: null, ...common })),
      { jwksCache: jwksSource },
    );
    verifyJwt = token => verifier.verify(token);
    forgetKeyObjects = jwks => issuers.forEach(issuer => verifier.cacheJwks(jwks, issuer));
  }
  const clientClaims = settings.provider === 'cognito' ? anyClientClaim : settings.clientClaims;
  const expectedIssuers =
    settings.provider === 'cognito' ? [settings.issuer] : [settings.issuer, ...settings.additionalIssuers];

  return {
    warmUp: () => jwksSource.warmUp(),
    async verify(token) {
      const bytes = Buffer.byteLength(token, 'utf8');
      if (bytes > settings.maxTokenBytes) {
        throw new TokenRejectedError(
          'too-large',
          `token has ${bytes} bytes, more than maxTokenBytes ${settings.maxTokenBytes}`,
        );
      }
      const header = checkHeader(token);
      let payload: JwtPayload;
      try {
        payload = await verifyJwt(token);
      } catch (error) {
        throw foreignAudienceRejection(token, settings) ?? rejection(error, clientClaims, expectedIssuers);
      }
      const { subject, clientId } = identify(payload, clientClaims);
      const refuse = (reason: DenyReason, message: string) =>
        new TokenRejectedError(reason, message, subject, clientId);
      checkTimes(payload, settings, refuse);
      if (settings.provider !== 'cognito') {
        checkIsAccessToken(header, payload, settings, refuse);
        checkAudience(payload, settings, refuse);
        checkClient(payload, settings, clientId, refuse);
      }
      const scopes = tokenScopes(payload);
      const missing = settings.requiredScopes.filter(required => !hasScope(scopes, required));
      if (missing.length > 0) {
        throw refuse(
          'missing-scope',
          `token lacks required scope ${missing.join(' ')}; its scopes (${scopeClaims.join(', ')}): ${scopes.join(' ') || 'none'}`,
        );
      }
      return payload;
    },
  };
}

type Refuse = (reason: DenyReason, message: string) => TokenRejectedError;

/** `exp` present; `iat` present, not in the future and at most 12 h old (HealthImaging's rule); the lifetime. */
function checkTimes(payload: JwtPayload, settings: ResolvedAuthorizerSettings, refuse: Refuse): void {
  const { exp, iat } = payload;
  if (typeof exp !== 'number') throw refuse('malformed', 'token has no exp claim');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) {
    throw refuse(
      'malformed',
      'token has no numeric iat claim (issued at); HealthImaging needs it to refuse tokens over 12 h old',
    );
  }
  const now = Date.now() / 1000;
  const tolerance = settings.clockToleranceSeconds;
  if (iat > now + tolerance) {
    throw refuse(
      'issued-in-future',
      `token iat ${isoTime(iat)} is ${Math.round(iat - now)} s in the future (clockToleranceSeconds ${tolerance})`,
    );
  }
  if (iat < now - maxTokenAgeSeconds - tolerance) {
    throw refuse(
      'issued-too-long-ago',
      `token iat ${isoTime(iat)} is more than 12 h ago (HealthImaging refuses it too)`,
    );
  }
  const maxLifetime = settings.maxTokenLifetimeSeconds;
  if (maxLifetime !== undefined && exp - iat > maxLifetime) {
    throw refuse(
      'lifetime-too-long',
      `token lives ${Math.round(exp - iat)} s (exp - iat), more than maxTokenLifetimeSeconds ${maxLifetime}`,
    );
  }
}

/** The marks of an ID token (or of another kind of JWT) that an access token for this API never has. */
function checkIsAccessToken(
  header: Record<string, unknown>,
  payload: JwtPayload,
  settings: ResolvedOidcAuthorizerSettings,
  refuse: Refuse,
): void {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
  const isAccessTokenType = typ !== undefined && accessTokenTypes.includes(typ);
  if (settings.requireAccessTokenType && !isAccessTokenType) {
    throw refuse(
      'not-access-token',
      `token typ header is ${JSON.stringify(header.typ) ?? 'missing'}, expected "at+jwt" (requireAccessTokenType): an ID token or another kind of JWT`,
    );
  }
  // Explicit typing (RFC 8725 3.11) names the kind of JWT as <kind>+jwt: any kind but at+jwt is not for this API.
  if (typ !== undefined && !isAccessTokenType && typ.endsWith('+jwt')) {
    throw refuse(
      'not-access-token',
      `token typ header is ${JSON.stringify(header.typ)}, another kind of JWT than an access token (at+jwt)`,
    );
  }
  if (payload.token_use !== undefined && payload.token_use !== 'access') {
    throw refuse(
      'not-access-token',
      `token_use is ${JSON.stringify(payload.token_use)}, expected "access": an ID token`,
    );
  }
  if (typeof payload.typ === 'string' && payload.typ.toLowerCase() === 'id') {
    throw refuse(
      'not-access-token',
      'token has the claim typ "ID" (Keycloak\'s mark of an ID token), expected "Bearer": the viewer must send its access token',
    );
  }
  if (settings.refuseNonce && payload.nonce !== undefined) {
    throw refuse(
      'not-access-token',
      'token has a nonce claim, which only ID tokens carry: the viewer must send its access token (refuseNonce)',
    );
  }
  const viewerAudience = audiencesOf(payload).find(aud => settings.viewerClientIds.includes(aud));
  if (viewerAudience !== undefined) {
    throw refuse(
      'not-access-token',
      `token aud is the viewer's client id "${viewerAudience}" (viewerClientIds): an ID token, not an access token for this API`,
    );
  }
}

function checkAudience(payload: JwtPayload, settings: ResolvedOidcAuthorizerSettings, refuse: Refuse): void {
  const found = audiencesOf(payload);
  if (found.some(aud => settings.audiences.includes(aud))) return;
  const graph = graphAudienceDetail(found, settings);
  if (graph) throw refuse('wrong-audience', graph);
  const shown = payload.aud === undefined ? 'missing' : JSON.stringify(payload.aud);
  const hint = found.includes(keycloakAccountAudience)
    ? '; "account" is Keycloak\'s default: add an Audience mapper for this API to the viewer client'
    : '';
  throw refuse('wrong-audience', `token aud is ${shown}, expected one of: ${settings.audiences.join(', ')}${hint}`);
}

function checkClient(
  payload: JwtPayload,
  settings: ResolvedOidcAuthorizerSettings,
  clientId: string | null,
  refuse: Refuse,
): void {
  if (settings.clientIds === undefined || (clientId !== null && settings.clientIds.includes(clientId))) return;
  const claim = settings.clientClaims.find(name => typeof payload[name] === 'string');
  const found = claim === undefined ? `no ${settings.clientClaims.join(' or ')} claim` : `${claim} "${clientId}"`;
  throw refuse('wrong-client', `token names ${found}, expected one of: ${settings.clientIds.join(', ')}`);
}

/** `aud` as a list (absent: empty; a string: one; non-strings dropped). */
function audiencesOf(payload: JwtPayload): string[] {
  const aud: unknown = payload.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * A token Entra issued for Microsoft Graph (asked for with only `openid profile`) cannot be verified by anyone but
 * Graph, so it fails before its claims are trusted. Its unverified `aud` still tells the operator what went wrong:
 * only ever used to refuse, never to accept.
 */
function foreignAudienceRejection(token: string, settings: ResolvedAuthorizerSettings): TokenRejectedError | undefined {
  if (settings.provider === 'cognito') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null) return undefined;
  const detail = graphAudienceDetail(audiencesOf(payload as JwtPayload), settings);
  return detail === undefined ? undefined : new TokenRejectedError('wrong-audience', detail);
}

function graphAudienceDetail(found: readonly string[], settings: ResolvedOidcAuthorizerSettings): string | undefined {
  const graph = found.find(aud => microsoftGraphAudiences.includes(aud));
  if (graph === undefined) return undefined;
  return `token aud is Microsoft Graph (${graph}), not this API: the viewer must ask for this API's scope, ${scopeToAskFor(settings)}, not only openid profile`;
}

/** The scope a viewer should request so Entra issues a token for this API, as best the settings tell. */
function scopeToAskFor(settings: ResolvedOidcAuthorizerSettings): string {
  const appIdUri = settings.audiences.find(aud => aud.startsWith('api://')) ?? (settings.audiences[0] as string);
  const scopeRule = settings.grants.find(rule => 'scope' in rule);
  const scope = settings.requiredScopes[0] ?? (scopeRule && 'scope' in scopeRule ? scopeRule.scope : '<scope>');
  return scope.includes('/') ? scope : `${appIdUri.replace(/\/$/, '')}/${scope}`;
}

function isoTime(seconds: number): string {
  return Number.isFinite(seconds) && Math.abs(seconds) < 8.64e12
    ? new Date(seconds * 1000).toISOString()
    : String(seconds);
}

/** `sub` and the client (the first of `clientClaims` the token has) of a token, for the log. */
export function identify(
  payload: JwtPayload,
  clientClaims: readonly ClientClaim[] = anyClientClaim,
): { subject: string | null; clientId: string | null } {
  const claim = clientClaims.find(name => typeof payload[name] === 'string');
  return {
    subject: typeof payload.sub === 'string' ? payload.sub : null,
    clientId: claim === undefined ? null : (payload[claim] as string),
  };
}

/**
 * The token's header, if it is a JSON object naming an asymmetric algorithm aws-jwt-verify supports and marking
 * no extension critical (RFC 7515 4.1.11: a `crit` header the recipient does not understand makes the JWS invalid,
 * and this authorizer understands none).
 */
function checkHeader(token: string): Record<string, unknown> {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[0] as string)) {
    throw new TokenRejectedError('malformed', 'token is not three base64url parts separated by dots');
  }
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(parts[0] as string, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRejectedError('malformed', 'token header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new TokenRejectedError('malformed', 'token header is not a JSON object');
  }
  const fields = header as Record<string, unknown>;
  if (!(supportedSignatureAlgorithms as readonly unknown[]).includes(fields.alg)) {
    throw new TokenRejectedError(
      'alg-not-allowed',
      `token alg ${JSON.stringify(fields.alg)} is not one of ${supportedSignatureAlgorithms.join(', ')}`,
    );
  }
  if (Object.hasOwn(fields, 'crit')) {
    throw new TokenRejectedError(
      'unknown-crit',
      `token header marks ${String(JSON.stringify(fields.crit)).slice(0, 60)} critical; no JWS extension is understood here`,
    );
  }
  return fields;
}

const reasons: Array<[new (...args: never[]) => Error, DenyReason]> = [
  [JwtParseError, 'malformed'],
  [JwtInvalidSignatureAlgorithmError, 'alg-not-allowed'],
  [JwtWithoutValidKidError, 'unknown-kid'],
  [KidNotFoundInJwksError, 'unknown-kid'],
  // aws-jwt-verify's back-off after an unknown kid: the same kid again within 10 s.
  [WaitPeriodNotYetEndedJwkError, 'unknown-kid'],
  [JwkInvalidUseError, 'key-not-usable'],
  [JwkInvalidKtyError, 'key-not-usable'],
  [JwkValidationError, 'key-not-usable'],
  [FetchError, 'jwks-unreachable'],
  [JwksNotAvailableInCacheError, 'jwks-unreachable'],
  [JwksValidationError, 'jwks-invalid'],
  [JwtInvalidSignatureError, 'bad-signature'],
  [JwtInvalidIssuerError, 'wrong-issuer'],
  // A Cognito verifier knows two issuers (regional and global format) and picks the config by `iss`; an
  // unconfigured `iss` fails there, before the signature. Settings are validated, so nothing else raises it.
  [ParameterValidationError, 'wrong-issuer'],
  [JwtInvalidAudienceError, 'wrong-audience'],
  [CognitoJwtInvalidClientIdError, 'wrong-client'],
  [CognitoJwtInvalidTokenUseError, 'not-access-token'],
  [JwtExpiredError, 'expired'],
  [JwtNotBeforeError, 'not-yet-valid'],
];

function rejection(
  error: unknown,
  clientClaims: readonly ClientClaim[],
  expectedIssuers: readonly string[],
): TokenRejectedError {
  const reason = reasons.find(([type]) => error instanceof type)?.[1] ?? 'internal-error';
  let message = error instanceof Error ? error.message : String(error);
  // With several issuers aws-jwt-verify picks the configuration by iss, before the signature, and names only iss.
  if (error instanceof ParameterValidationError && reason === 'wrong-issuer') {
    message += `; expected one of: ${expectedIssuers.join(', ')}`;
  }
  // Claim errors come after the signature check, so these claims are the provider's, not an attacker's.
  if (error instanceof JwtInvalidClaimError && error.rawJwt) {
    if (error instanceof JwtInvalidIssuerError)
      message += issuerHint(error.rawJwt.payload.iss, error.failedAssertion.expected);
    const { subject, clientId } = identify(error.rawJwt.payload, clientClaims);
    return new TokenRejectedError(reason, message, subject, clientId);
  }
  return new TokenRejectedError(reason, message);
}

/**
 * The likeliest issuer mistakes: a trailing slash (Auth0 writes one, most others do not), and Entra's other issuer
 * form for the same tenant (v1 or v2, decided by the API's accessTokenAcceptedVersion).
 */
function issuerHint(found: unknown, expected: unknown): string {
  if (typeof found !== 'string') return '';
  const candidates = (Array.isArray(expected) ? expected : [expected]).filter(
    (issuer): issuer is string => typeof issuer === 'string',
  );
  const bare = (issuer: string) => issuer.replace(/\/$/, '');
  if (candidates.some(issuer => bare(issuer) === bare(found))) {
    return ' (they differ only by the trailing slash: set issuer exactly as the token\'s iss; provider "auth0" adds it itself)';
  }
  const tenant = entraTenantOf(found);
  if (tenant !== undefined && candidates.some(issuer => entraTenantOf(issuer) === tenant)) {
    return ' (the same Entra tenant in its other issuer form: tokens are v1 or v2 as the API\'s accessTokenAcceptedVersion says; provider "entra-id" accepts both)';
  }
  return '';
}
