import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { cacheControlFor, cachingFor } from '../../../viewer/cachePolicy';
import { contentTypeFor } from '../../../viewer/contentTypes';
import { manifestFileName, type ViewerManifest } from '../../../viewer/assembleViewer';
import { PublishInputError } from './errors';

/** A file of the local viewer build, as it will be stored in the bucket. */
export interface LocalFile {
  /** Object key: the path relative to the build folder with `/` separators, e.g. `plugins/mode.3f2a9c01d4e5b6a7.js`. */
  key: string;
  /** Where the file is on disk. */
  absolutePath: string;
  bytes: number;
  /** Hex MD5 of the content: equals the ETag of an object uploaded in one part (SSE-S3 or no encryption). */
  md5: string;
  /** Hex SHA-256 of the content: stored in the object's metadata, so multipart or KMS ETags do not matter. */
  sha256: string;
  contentType: string;
  cacheControl: string;
  /** Whether the name carries a hash of the content (cached for a year, never needs invalidating). */
  immutable: boolean;
}

/**
 * Reads and hashes every file of a viewer build. With the `assembleViewer` manifest its file list, caching
 * classes and content types are used; without one (e.g. an OHIF checkout's `platform/app/dist`) the folder is
 * listed and the same rules (deploy/viewer cachePolicy and contentTypes) are applied to each name.
 */
export async function readLocalFiles(localDir: string, manifest?: ViewerManifest): Promise<LocalFile[]> {
  if (typeof localDir !== 'string' || localDir === '') {
    throw new PublishInputError('localDir', 'must be the folder of the viewer build');
  }
  const entries = await readdir(localDir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      throw new PublishInputError('localDir', `(${localDir}) cannot be read: ${error.code ?? error.message}`);
    },
  );
  const described = manifest
    ? manifest.files.map(file => ({ key: file.path, caching: file.caching, contentType: file.contentType }))
    : entries
        .filter(entry => entry.isFile())
        .map(entry => relative(localDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .filter(key => key !== manifestFileName)
        .sort()
        .map(key => ({ key, caching: cachingFor(key), contentType: contentTypeFor(key) }));
  // Publishing an empty or wrong folder would delete the whole live viewer: refuse early.
  if (!described.some(file => file.key === 'index.html')) {
    throw new PublishInputError('localDir', `(${localDir}) has no index.html: it is not a viewer build`);
  }
  const files: LocalFile[] = [];
  for (const file of described) {
    const absolutePath = join(localDir, ...file.key.split('/'));
    const content = await readFile(absolutePath).catch((error: NodeJS.ErrnoException) => {
      throw new PublishInputError(
        'manifest',
        `lists ${file.key}, which cannot be read (${error.code ?? error.message}); assemble the viewer again`,
      );
    });
    files.push({
      key: file.key,
      absolutePath,
      bytes: (await stat(absolutePath)).size,
      md5: createHash('md5').update(content).digest('hex'),
      sha256: createHash('sha256').update(content).digest('hex'),
      contentType: file.contentType,
      cacheControl: cacheControlFor(file.caching),
      immutable: file.caching === 'immutable',
    });
  }
  return files;
}
