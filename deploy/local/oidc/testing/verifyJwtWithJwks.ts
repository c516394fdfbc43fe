import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

export interface VerifiedJwt {
  header: { alg: string; typ?: string; kid?: string };
  payload: Record<string, unknown>;
}

/**
 * Checks an RS256 JWT's signature against the provider's published JWKS (`<issuer>/jwks`) with node:crypto, and
 * returns its header and claims. Throws if the key is unknown or the signature is wrong; claims are not judged.
 */
export async function verifyJwtWithJwks(token: string, issuer: string): Promise<VerifiedJwt> {
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = token.split('.');
  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  const header = decode(encodedHeader) as VerifiedJwt['header'];
  if (header.alg !== 'RS256') throw new Error(`expected an RS256 JWT, got alg ${header.alg}`);

  const jwks = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
  const jwk = jwks.keys.find(key => key.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the provider's JWKS`);

  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  const valid = verify(
    'RSA-SHA256',
    signed,
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(encodedSignature, 'base64url'),
  );
  if (!valid) throw new Error('the JWT signature does not match the provider key');
  return { header, payload: decode(encodedPayload) as Record<string, unknown> };
}
