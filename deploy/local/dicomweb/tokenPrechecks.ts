import { maxTokenAgeSeconds } from 'ohif-healthimaging-contract';
import { InvalidOrExpiredTokenError } from './errors';

const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

/**
 * HealthImaging's own checks before it invokes the authorizer: an `Authorization: Bearer <token>` header whose
 * token is a JWT (three base64url parts, JSON objects as header and payload), with a numeric `exp` in the future,
 * `nbf` (if present) not in the future and `iat` (if present) at most 12 hours old. The signature is the
 * authorizer's business.
 * `notIssuedBeforeSeconds` (the `expireTokensIssuedBefore` knob) also refuses tokens issued before that time, as
 * HealthImaging refuses a token that has expired by its clock: a test makes every token in use "expire" at once.
 * @returns the raw token, for the authorizer event.
 * @throws InvalidOrExpiredTokenError (403 Invalid or Expired Token) with the failed check as `reason`.
 */
export function precheckBearerToken(
  authorization: string | undefined,
  nowSeconds: number,
  notIssuedBeforeSeconds?: number,
): string {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  if (!match)
    throw new InvalidOrExpiredTokenError(authorization ? 'not a Bearer authorization' : 'no Authorization header');
  const token = match[1] as string;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every(part => BASE64URL_PART.test(part))) {
    throw new InvalidOrExpiredTokenError('not a JWT (three base64url parts)');
  }
  decodeJsonObject(parts[0] as string, 'header');
  const payload = decodeJsonObject(parts[1] as string, 'payload');
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number') throw new InvalidOrExpiredTokenError('exp missing or not a number');
  if (exp <= nowSeconds) throw new InvalidOrExpiredTokenError('expired (exp)');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) {
    throw new InvalidOrExpiredTokenError('not yet valid (nbf)');
  }
  if (iat !== undefined && (typeof iat !== 'number' || iat < nowSeconds - maxTokenAgeSeconds)) {
    throw new InvalidOrExpiredTokenError('issued more than 12 hours ago (iat)');
  }
  if (notIssuedBeforeSeconds !== undefined && !(typeof iat === 'number' && iat >= notIssuedBeforeSeconds)) {
    throw new InvalidOrExpiredTokenError('issued before the expireTokensIssuedBefore knob (iat)');
  }
  return token;
}

function decodeJsonObject(part: string, name: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidOrExpiredTokenError(`JWT ${name} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidOrExpiredTokenError(`JWT ${name} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
