import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const compressors: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  // Quality 5 of 11: most of brotli's gain at a fraction of its time (the app bundle is 17 MB).
  br: bytes => promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: bytes => promisify(gzip)(bytes, { level: 6 }),
};

/**
 * Compresses files on first request and keeps the result in memory, keyed by path, size and modification
 * time (a changed file is compressed again). Concurrent requests for the same file share one compression.
 * Holds at most `maxBytes` of compressed data; the oldest entries go first.
 */
export class CompressionCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private totalBytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get(file: string, size: number, modifiedMs: number, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}:${size}:${modifiedMs}:${file}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = readFile(file).then(compressors[encoding]);
      this.entries.set(key, entry);
      entry.then(
        compressed => this.account(key, compressed.length),
        () => this.entries.delete(key),
      );
    }
    return entry;
  }

  private account(key: string, bytes: number): void {
    if (!this.entries.has(key)) return;
    this.sizes.set(key, bytes);
    this.totalBytes += bytes;
    for (const [oldest, oldestBytes] of this.sizes) {
      if (this.totalBytes <= this.maxBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.sizes.delete(oldest);
      this.totalBytes -= oldestBytes;
    }
  }
}

/** The encoding to answer with, from an `Accept-Encoding` header: brotli if accepted, else gzip, else none. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map(p => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (encoding: Encoding) => accepted.get(encoding) ?? accepted.get('*') ?? 0;
  return (['br', 'gzip'] as const).find(encoding => weight(encoding) > 0);
}
