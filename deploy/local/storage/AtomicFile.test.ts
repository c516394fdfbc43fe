import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from './AtomicFile';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atomic-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes new content and replaces old content, leaving no temporary file', async () => {
    const target = join(dir, 'a.json');
    await writeFileAtomic(target, 'first');
    await writeFileAtomic(target, new Uint8Array([115, 101, 99, 111, 110, 100]));
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('leaves the old content and no temporary file when the write fails', async () => {
    const target = join(dir, 'a.json');
    await writeFileAtomic(target, 'kept');
    // A non-empty folder sits where the file should go: the temporary file is written, then the rename fails.
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'child'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('kept');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'blocked']);
  });
});
