import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { OidcDataFolderError } from './errors';
import { cookieKeysFile, loadOrCreateProviderSecrets, signingKeysFile } from './providerSecrets';

describe('loadOrCreateProviderSecrets', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'oidc-secrets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates a working RS256 key and cookie keys once, owner-readable only, and reads them back', async () => {
    const dataDir = join(dir, 'nested', 'oidc');
    const created = await loadOrCreateProviderSecrets(dataDir);
    const [key] = created.signingKeys.keys;
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });

    const privateKey = { key: key as unknown as import('node:crypto').JsonWebKey, format: 'jwk' as const };
    const signature = sign('RSA-SHA256', Buffer.from('data'), privateKey);
    expect(verify('RSA-SHA256', Buffer.from('data'), createPublicKey(privateKey), signature)).toBe(true);

    expect((await stat(join(dataDir, signingKeysFile))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, cookieKeysFile))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateProviderSecrets(dataDir)).toEqual(created);
    expect(JSON.parse(await readFile(join(dataDir, signingKeysFile), 'utf8'))).toEqual(created.signingKeys);
  });

  it('refuses a signing key file that is not a JWKS of private RS256 keys', async () => {
    await writeFile(
      join(dir, signingKeysFile),
      JSON.stringify({ keys: [{ kty: 'RSA', alg: 'RS256', n: 'x', e: 'AQAB' }] }),
    );
    await expect(loadOrCreateProviderSecrets(dir)).rejects.toThrow(OidcDataFolderError);
  });
});
