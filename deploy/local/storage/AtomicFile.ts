import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** Temporary files end with this; a leftover one (crash mid-write) is never read and is removed at open. */
export const TEMP_SUFFIX = '.partial';

/**
 * Writes a file so that readers and a restart see either the old content or the new, never a part:
 * the bytes go to a temporary file in the same folder, are flushed to disk, and the file is renamed over
 * the target (rename is atomic within a file system).
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
