import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Jwk, Jwks } from 'aws-jwt-verify/jwk';

/** An RSA signing key made for a test, with its public JWK as a provider would publish it. */
export interface TestSigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: Jwk;
}

export function generateSigningKey(kid: string = randomUUID()): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { n, e } = publicKey.export({ format: 'jwk' });
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: n as string, e: e as string },
  };
}

export function jwksOf(...keys: TestSigningKey[]): Jwks {
  return { keys: keys.map(key => key.publicJwk) };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function encode(header: object, payload: object): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
}

/** An RS256 JWT signed with `key`; header fields (e.g. a different `kid`) may be overridden. */
export function signToken(key: TestSigningKey, payload: object, header: object = {}): string {
  const input = encode({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }, payload);
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url')}`;
}

/** The classic key confusion attack: HS256 with the provider's public key (PEM) as the HMAC secret. */
export function signWithPublicKeyAsHmacSecret(key: TestSigningKey, payload: object): string {
  const input = encode({ alg: 'HS256', typ: 'JWT', kid: key.kid }, payload);
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** An unsigned JWT (`alg: none`, empty signature). */
export function unsignedToken(key: TestSigningKey, payload: object): string {
  return `${encode({ alg: 'none', typ: 'JWT', kid: key.kid }, payload)}.`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of an access token from a generic OIDC provider, valid for 5 minutes. */
export function oidcAccessClaims(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: issuer,
    sub: 'user-123',
    aud: 'https://dicomweb.example.test',
    client_id: 'ohif-viewer',
    scope: 'openid user/ImagingStudy.read',
    groups: ['readers'],
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: randomUUID(),
    ...overrides,
  };
}

/** Claims shaped like a Cognito access token: `token_use: access`, `client_id`, `cognito:groups`, no `aud`. */
export function cognitoAccessClaims(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    'cognito:groups': ['readers'],
    iss: issuer,
    version: 2,
    client_id: 'viewerclientid123',
    origin_jti: randomUUID(),
    token_use: 'access',
    scope: 'openid profile',
    auth_time: now,
    exp: now + 3600,
    iat: now,
    jti: randomUUID(),
    username: 'reader',
    ...overrides,
  };
}
