import type { ViewerManifest } from '../../../viewer/assembleViewer';
import { PublishInputError } from './errors';
import { readLocalFiles, type LocalFile } from './localFiles';

/** An object already in the bucket (`listRemoteObjects`). */
export interface RemoteObject {
  key: string;
  bytes: number;
  /** The ETag as S3 returns it (quotes are ignored). */
  etag?: string;
  /** The `sha256` metadata written by `executePublish`; absent on objects uploaded by other tools. */
  sha256?: string;
  /** When known (HeadObject), a differing type or cache policy makes the file upload again. */
  contentType?: string;
  cacheControl?: string;
}

export interface PlannedUpload extends LocalFile {
  /** `new`: no such object; `changed`: other content; `metadata`: same content, other Content-Type or Cache-Control. */
  reason: 'new' | 'changed' | 'metadata';
}

export interface PublishPlan {
  /** Files to upload, sorted by key. */
  uploads: PlannedUpload[];
  /** Keys whose object already holds the same content and headers. */
  unchanged: string[];
  /** Keys in the bucket that the build no longer has; deleted after every upload succeeded. */
  deletes: string[];
  uploadBytes: number;
}

export interface PlanPublishInput {
  /** The viewer build folder (must hold index.html). */
  localDir: string;
  /** The `assembleViewer` manifest of `localDir`. Default: the folder is listed and each name classified. */
  manifest?: ViewerManifest;
  /** What the bucket holds now. */
  remoteObjects: RemoteObject[];
}

/**
 * Compares a build with the bucket: what to upload, what is unchanged, what to delete. Content is compared by
 * the SHA-256 stored in object metadata, or (objects from other tools) by the single-part ETag (MD5), so
 * publishing an unchanged build uploads nothing.
 */
export async function planPublish(input: PlanPublishInput): Promise<PublishPlan> {
  if (!Array.isArray(input?.remoteObjects)) {
    throw new PublishInputError('remoteObjects', 'must be an array (listRemoteObjects(...))');
  }
  const localFiles = await readLocalFiles(input.localDir, input.manifest);
  const remoteByKey = new Map(input.remoteObjects.map(object => [object.key, object]));
  const uploads: PlannedUpload[] = [];
  const unchanged: string[] = [];
  for (const file of localFiles) {
    const remote = remoteByKey.get(file.key);
    const reason = uploadReason(file, remote);
    if (reason) uploads.push({ ...file, reason });
    else unchanged.push(file.key);
  }
  const localKeys = new Set(localFiles.map(file => file.key));
  const deletes = input.remoteObjects
    .map(object => object.key)
    .filter(key => !localKeys.has(key))
    .sort();
  return { uploads, unchanged, deletes, uploadBytes: uploads.reduce((sum, file) => sum + file.bytes, 0) };
}

function uploadReason(file: LocalFile, remote: RemoteObject | undefined): PlannedUpload['reason'] | undefined {
  if (!remote) return 'new';
  const sameContent =
    remote.bytes === file.bytes &&
    (remote.sha256 !== undefined ? remote.sha256 === file.sha256 : remote.etag?.replaceAll('"', '') === file.md5);
  if (!sameContent) return 'changed';
  const differs = (remoteValue: string | undefined, localValue: string) =>
    remoteValue !== undefined && remoteValue !== localValue;
  if (differs(remote.contentType, file.contentType) || differs(remote.cacheControl, file.cacheControl))
    return 'metadata';
  return undefined;
}
