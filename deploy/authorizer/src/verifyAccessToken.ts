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
import type { ResolvedAuthorizerSettings } from './AuthorizerSettings';
import type { DenyReason } from './decisionLog';
import { TokenRejectedError } from './errors';
import { JwksSource } from './JwksSource';
import { hasScope, tokenScopes } from './scopeMatches';

/** Checks a bearer token against the settings; built once per authorizer so keys stay cached. */
export interface AccessTokenVerifier {
  /** The verified claims, or a `TokenRejectedError` whose `reason` says why not. */
  verify(token: string): Promise<JwtPayload>;
  /** Loads the JWKS ahead of the first token when it has to be fetched; resolves to the failure, never rejects. */
  warmUp(): Promise<Error | undefined>;
}

/**
 * What is checked, in order: size (before any parsing), JWT shape and an asymmetric `alg` (so `none` and HS256,
 * e.g. signed with the public key as an HMAC secret, never reach a key), then with aws-jwt-verify the `kid`,
 * the signature, `exp`/`nbf` (with the clock tolerance), `iss`, and `aud` (oidc) or `token_use: access` and
 * `client_id` (Cognito); then that `exp` exists and that every required scope is covered.
 */
export function createAccessTokenVerifier(settings: ResolvedAuthorizerSettings): AccessTokenVerifier {
  const jwksSource = new JwksSource({
    fetchTimeoutMs: settings.jwksFetchTimeoutMs,
    ...(settings.jwksUri === undefined ? {} : { jwksUri: settings.jwksUri }),
    ...(settings.jwks === undefined ? {} : { jwks: settings.jwks }),
  });
  const common = { graceSeconds: settings.clockToleranceSeconds, includeRawJwtInErrors: true };
  const verifier =
    settings.provider === 'cognito'
      ? CognitoJwtVerifier.create(
          {
            userPoolId: new URL(settings.issuer).pathname.slice(1),
            tokenUse: 'access',
            clientId: settings.clientIds,
            ...common,
          },
          { jwksCache: jwksSource },
        )
      : JwtVerifier.create({ issuer: settings.issuer, audience: settings.audiences, ...common }, { jwksCache: jwksSource });

  return {
    warmUp: () => jwksSource.warmUp(),
    async verify(token) {
      const bytes = Buffer.byteLength(token, 'utf8');
      if (bytes > settings.maxTokenBytes) {
        throw new TokenRejectedError('too-large', `token has ${bytes} bytes, more than maxTokenBytes ${settings.maxTokenBytes}`);
      }
      assertAsymmetricAlgorithm(token);
      let payload: JwtPayload;
      try {
        payload = await verifier.verify(token);
      } catch (error) {
        throw rejection(error);
      }
      const { subject, clientId } = identify(payload);
      if (typeof payload.exp !== 'number') {
        throw new TokenRejectedError('malformed', 'token has no exp claim', subject, clientId);
      }
      const scopes = tokenScopes(payload);
      const missing = settings.requiredScopes.filter(required => !hasScope(scopes, required));
      if (missing.length > 0) {
        throw new TokenRejectedError('missing-scope', `token lacks required scope ${missing.join(' ')}`, subject, clientId);
      }
      return payload;
    },
  };
}

/** `sub` and `client_id` (or `azp`) of a token, for the log. */
export function identify(payload: JwtPayload): { subject: string | null; clientId: string | null } {
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : payload.azp;
  return {
    subject: typeof payload.sub === 'string' ? payload.sub : null,
    clientId: typeof clientId === 'string' ? clientId : null,
  };
}

/** Rejects a token whose header is not a JSON object naming an asymmetric algorithm aws-jwt-verify supports. */
function assertAsymmetricAlgorithm(token: string): void {
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
  const alg = (header as { alg?: unknown }).alg;
  if (!(supportedSignatureAlgorithms as readonly unknown[]).includes(alg)) {
    throw new TokenRejectedError('alg-not-allowed', `token alg ${JSON.stringify(alg)} is not one of ${supportedSignatureAlgorithms.join(', ')}`);
  }
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

function rejection(error: unknown): TokenRejectedError {
  const reason = reasons.find(([type]) => error instanceof type)?.[1] ?? 'internal-error';
  const message = error instanceof Error ? error.message : String(error);
  // Claim errors come after the signature check, so these claims are the provider's, not an attacker's.
  if (error instanceof JwtInvalidClaimError && error.rawJwt) {
    const { subject, clientId } = identify(error.rawJwt.payload);
    return new TokenRejectedError(reason, message, subject, clientId);
  }
  return new TokenRejectedError(reason, message);
}
