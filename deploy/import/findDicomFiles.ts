import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ImportFolderError } from './errors';

/** A file that starts like DICOM Part 10 (128-byte preamble, then `DICM`). */
export interface DicomFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the imported folder, `/` separators (used in reports). */
  name: string;
  bytes: number;
}

/** A file left out before sending, and why. */
export interface SkippedFile {
  name: string;
  reason: string;
}

export interface FoundFiles {
  /** Sorted by name, so imports are reproducible. */
  dicom: DicomFile[];
  skipped: SkippedFile[];
}

const preambleBytes = 128;
const magic = Buffer.from('DICM', 'ascii');

/**
 * Every DICOM Part 10 file below `folder` (recursively). Anything else is listed in `skipped` with the reason:
 * the `DICM` prefix after the 128-byte preamble is checked, so a file that is not DICOM is never uploaded.
 */
export async function findDicomFiles(folder: string): Promise<FoundFiles> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ImportFolderError(
        folder,
        error.code === 'ENOENT'
          ? 'no such folder'
          : error.code === 'ENOTDIR'
            ? 'not a folder'
            : (error.code ?? error.message),
      );
    },
  );
  const dicom: DicomFile[] = [];
  const skipped: SkippedFile[] = [];
  const files = entries
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
    .sort();
  for (const path of files) {
    const name = relative(folder, path).split(sep).join('/');
    const check = await checkPart10Prefix(path);
    if ('reason' in check) skipped.push({ name, reason: check.reason });
    else dicom.push({ path, name, bytes: check.bytes });
  }
  return { dicom, skipped };
}

/** Whether a file starts like DICOM Part 10: its size, or why it is left out. */
export async function checkPart10Prefix(path: string): Promise<{ bytes: number } | { reason: string }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const { size } = await handle.stat();
    if (size < preambleBytes + magic.length) {
      return { reason: `not DICOM Part 10: ${size} bytes, too short for the 128-byte preamble and DICM prefix` };
    }
    const prefix = Buffer.alloc(magic.length);
    await handle.read(prefix, 0, magic.length, preambleBytes);
    if (!prefix.equals(magic)) return { reason: 'not DICOM Part 10: no DICM prefix after the 128-byte preamble' };
    return { bytes: size };
  } finally {
    await handle.close();
  }
}
