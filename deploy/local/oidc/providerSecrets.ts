import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../storage/AtomicFile';
import { OidcDataFolderError } from './errors';

/** A private RSA signing key as a JSON Web Key, the form oidc-provider's `jwks` option takes. */
export interface PrivateRsaJwk {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

/** What the provider must keep across restarts so that tokens and session cookies it issued stay valid. */
export interface ProviderSecrets {
  /** Signs ID tokens and JWT access tokens; published (public part only) at the JWKS endpoint. */
  signingKeys: { keys: PrivateRsaJwk[] };
  /** Sign the provider's cookies (session, interaction). */
  cookieKeys: string[];
}

export const signingKeysFile = 'jwks.json';
export const cookieKeysFile = 'cookie-keys.json';

/**
 * Reads the provider's signing keys and cookie keys from `dataDir`, generating and saving any that are missing
 * (first start). Files are written owner-readable only.
 */
export async function loadOrCreateProviderSecrets(dataDir: string): Promise<ProviderSecrets> {
  await mkdir(dataDir, { recursive: true });
  const signingKeys = await loadOrCreate(join(dataDir, signingKeysFile), parseSigningKeys, () => ({
    keys: [generateSigningKey()],
  }));
  const cookieKeys = await loadOrCreate(join(dataDir, cookieKeysFile), parseCookieKeys, () => [
    randomBytes(32).toString('base64url'),
  ]);
  return { signingKeys, cookieKeys };
}

async function loadOrCreate<T>(path: string, parse: (json: unknown, path: string) => T, create: () => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const created = create();
    await writeFileAtomic(path, JSON.stringify(created, null, 2));
    await chmod(path, 0o600);
    return created;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OidcDataFolderError(path, 'is not valid JSON');
  }
  return parse(json, path);
}

function generateSigningKey(): PrivateRsaJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint: a stable kid that changes only with the key.
  const kid = createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
  return { ...(jwk as Omit<PrivateRsaJwk, 'kid' | 'alg' | 'use'>), kty: 'RSA', kid, alg: 'RS256', use: 'sig' };
}

function parseSigningKeys(json: unknown, path: string): ProviderSecrets['signingKeys'] {
  const keys = (json as { keys?: unknown } | null)?.keys;
  const rsaMembers = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'kid'] as const;
  const valid =
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (key: Record<string, unknown>) =>
        key?.kty === 'RSA' && key.alg === 'RS256' && rsaMembers.every(member => typeof key[member] === 'string'),
    );
  if (!valid) {
    throw new OidcDataFolderError(path, 'is not a JWKS of private RS256 keys');
  }
  return json as ProviderSecrets['signingKeys'];
}

function parseCookieKeys(json: unknown, path: string): string[] {
  if (!Array.isArray(json) || json.length === 0 || !json.every(key => typeof key === 'string' && key.length >= 16)) {
    throw new OidcDataFolderError(path, 'is not an array of cookie keys');
  }
  return json;
}
