import { opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ImportFolderError } from './errors';
import { checkPart10Prefix, type DicomFile, type SkippedFile } from './findDicomFiles';

/**
 * Every file below `folder` (recursively), one at a time, as a DICOM file or a skipped file with the reason: the
 * folder is read as a stream (directory handles, no list of all files), so a folder of 100 000 files costs the
 * memory of one path per directory level. The order is the file system's.
 */
export async function* walkDicomFiles(
  folder: string,
): AsyncGenerator<({ kind: 'dicom' } & DicomFile) | ({ kind: 'skipped' } & SkippedFile)> {
  const pending = [folder];
  let first = true;
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    let handle;
    try {
      handle = await opendir(directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (first)
        throw new ImportFolderError(
          folder,
          code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : (code ?? String(error)),
        );
      yield {
        kind: 'skipped',
        name: nameOf(folder, directory),
        reason: `folder cannot be read (${code ?? String(error)})`,
      };
      continue;
    }
    first = false;
    for await (const entry of handle) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) {
        const name = nameOf(folder, path);
        const check = await checkPart10Prefix(path);
        yield 'reason' in check
          ? { kind: 'skipped', name, reason: check.reason }
          : { kind: 'dicom', path, name, bytes: check.bytes };
      }
    }
  }
}

function nameOf(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}
