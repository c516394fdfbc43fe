import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhifAppIntegrityError } from './errors';
import { verifyIntegrity } from './verifyIntegrity';

describe('verifyIntegrity', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'integrity-'));
    file = join(dir, 'a.tgz');
    writeFileSync(file, 'hello\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Digests of "hello\n", as `openssl dgst -sha512 -binary | base64` prints them.
  const sha512 = 'sha512-58IrmUxZ2c8rSOVJseJGZmNgRZMNPafBrLKZ0cO3+TH5Sq5B7dosKyB6NuEPi8uNRSI+VIePWzFufOO2vAGWKQ==';
  const sha256 = 'sha256-WJG1tSLV3whtD/CxEPvZ0hu0/HFjrzTQgoai6Eb2vgM=';

  it('accepts the matching sha512 and sha256 integrity strings', async () => {
    await expect(verifyIntegrity(file, sha512)).resolves.toBeUndefined();
    await expect(verifyIntegrity(file, sha256)).resolves.toBeUndefined();
  });

  it('uses the strongest entry of several', async () => {
    await expect(verifyIntegrity(file, `sha256-AAAA ${sha512}`)).resolves.toBeUndefined();
  });

  it('rejects a different digest, naming expected and actual', async () => {
    const wrong = 'sha512-' + 'A'.repeat(86) + '==';
    const error = await verifyIntegrity(file, wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OhifAppIntegrityError);
    expect((error as Error).message).toContain(`expected ${wrong}, got ${sha512}`);
  });

  it('rejects an integrity string without a supported algorithm', async () => {
    await expect(verifyIntegrity(file, 'md5-abc')).rejects.toThrow('no supported sha512/sha384/sha256 entry');
  });
});
