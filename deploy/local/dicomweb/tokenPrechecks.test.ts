import { generateSigningKey, signToken } from 'ohif-healthimaging-authorizer/testing/tokens';
import { maxTokenAgeSeconds } from 'ohif-healthimaging-contract';
import { InvalidOrExpiredTokenError } from './errors';
import { precheckBearerToken } from './tokenPrechecks';

const now = 1_800_000_000;
const key = generateSigningKey('precheck-key');
const token = (claims: Record<string, unknown>) => signToken(key, { sub: 'someone', ...claims });
const b64 = (value: string) => Buffer.from(value).toString('base64url');

function reasonFor(authorization: string | undefined): string {
  try {
    precheckBearerToken(authorization, now);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOrExpiredTokenError);
    expect((error as InvalidOrExpiredTokenError).status).toBe(403);
    expect((error as InvalidOrExpiredTokenError).message).toBe('Invalid or Expired Token');
    return (error as InvalidOrExpiredTokenError).reason;
  }
  throw new Error('expected the pre-check to refuse the token');
}

describe('precheckBearerToken', () => {
  it('returns the raw token of a well-formed, current RS256 JWT', () => {
    const valid = token({ iat: now - 60, nbf: now - 60, exp: now + 300 });
    expect(precheckBearerToken(`Bearer ${valid}`, now)).toBe(valid);
    expect(precheckBearerToken(`bearer ${valid}`, now)).toBe(valid);
  });

  it('accepts a token without nbf and iat (only exp is required)', () => {
    const minimal = token({ exp: now + 1 });
    expect(precheckBearerToken(`Bearer ${minimal}`, now)).toBe(minimal);
  });

  it.each([
    ['no header', undefined, 'no Authorization header'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'not a Bearer authorization'],
    ['an empty bearer', 'Bearer ', 'not a Bearer authorization'],
    ['two parts', 'Bearer abc.def', 'not a JWT (three base64url parts)'],
    ['a non-base64url character', 'Bearer ab+c.def.ghi', 'not a JWT (three base64url parts)'],
    ['a header that is not JSON', `Bearer ${b64('nope')}.${b64('{}')}.sig`, 'JWT header is not JSON'],
    ['a payload that is a JSON array', `Bearer ${b64('{}')}.${b64('[1]')}.sig`, 'JWT payload is not a JSON object'],
  ])('refuses %s', (_name, authorization, reason) => {
    expect(reasonFor(authorization)).toBe(reason);
  });

  it('refuses a missing, passed or non-numeric exp', () => {
    expect(reasonFor(`Bearer ${token({ iat: now })}`)).toBe('exp missing or not a number');
    expect(reasonFor(`Bearer ${token({ exp: String(now + 60) })}`)).toBe('exp missing or not a number');
    expect(reasonFor(`Bearer ${token({ exp: now })}`)).toBe('expired (exp)');
    expect(reasonFor(`Bearer ${token({ exp: now - 1 })}`)).toBe('expired (exp)');
  });

  it('refuses an nbf in the future', () => {
    expect(reasonFor(`Bearer ${token({ exp: now + 600, nbf: now + 1 })}`)).toBe('not yet valid (nbf)');
  });

  it('refuses an iat more than 12 hours old even when exp is far ahead', () => {
    const old = token({ exp: now + 600, iat: now - maxTokenAgeSeconds - 1 });
    expect(reasonFor(`Bearer ${old}`)).toBe('issued more than 12 hours ago (iat)');
    const justInside = token({ exp: now + 600, iat: now - maxTokenAgeSeconds });
    expect(precheckBearerToken(`Bearer ${justInside}`, now)).toBe(justInside);
  });

  it('refuses tokens issued before a cut-off, when one is given', () => {
    const older = token({ exp: now + 600, iat: now - 10 });
    const newer = token({ exp: now + 600, iat: now - 2 });
    expect(() => precheckBearerToken(`Bearer ${older}`, now, now - 5)).toThrow(InvalidOrExpiredTokenError);
    expect(precheckBearerToken(`Bearer ${newer}`, now, now - 5)).toBe(newer);
    expect(() => precheckBearerToken(`Bearer ${token({ exp: now + 600 })}`, now, now - 5)).toThrow(
      InvalidOrExpiredTokenError,
    );
  });
});
