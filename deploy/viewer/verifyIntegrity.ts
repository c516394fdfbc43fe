import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { OhifAppIntegrityError } from './errors';

type Algorithm = 'sha512' | 'sha384' | 'sha256';
const supported: Algorithm[] = ['sha512', 'sha384', 'sha256'];

/**
 * Checks a file against a Subresource-Integrity string as npm publishes it (`dist.integrity`, e.g.
 * `sha512-<base64>`; several space-separated entries are allowed, the strongest supported one is used).
 * Throws `OhifAppIntegrityError` on a mismatch.
 */
export async function verifyIntegrity(file: string, integrity: string): Promise<void> {
  const entries = integrity
    .trim()
    .split(/\s+/)
    .map(entry => /^(sha512|sha384|sha256)-([A-Za-z0-9+/]+={0,2})$/.exec(entry))
    .filter((match): match is RegExpExecArray => match !== null);
  const strongest = supported.map(algorithm => entries.find(match => match[1] === algorithm)).find(Boolean);
  if (!strongest) {
    throw new OhifAppIntegrityError(file, integrity, 'no supported sha512/sha384/sha256 entry to compare with');
  }
  const algorithm = strongest[1] as Algorithm;
  const actual = `${algorithm}-${await digest(file, algorithm)}`;
  if (actual !== `${algorithm}-${strongest[2]}`) {
    throw new OhifAppIntegrityError(file, integrity, actual);
  }
}

function digest(file: string, algorithm: Algorithm): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash(algorithm);
    createReadStream(file)
      .on('data', chunk => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}
