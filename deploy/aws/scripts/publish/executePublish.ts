import { readFile } from 'node:fs/promises';
import { DeleteObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishInputError, PublishS3Error } from './errors';
import { sha256MetadataKey } from './listRemoteObjects';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { PublishPlan } from './planPublish';

/** Progress of `executePublish`, reported after each upload and each delete batch. */
export interface PublishProgress {
  phase: 'upload' | 'delete';
  /** Files uploaded (or objects deleted) so far, and of how many. */
  done: number;
  total: number;
  /** Bytes uploaded so far, and of how many (0 while deleting). */
  bytesDone: number;
  bytesTotal: number;
  /** The key just finished. */
  key: string;
}

export interface ExecutePublishOptions {
  /**
   * The S3 client. Files are uploaded as Buffers (never streams): streaming uploads with the SDK's default
   * checksum mode are stored corrupted by some S3-compatible servers.
   */
  s3Client: S3Client;
  bucket: string;
  /** Uploads in flight at once. Default 8. */
  concurrency?: number;
  /** Called after each finished upload and delete batch (e.g. to draw a progress bar). Default: nothing. */
  onProgress?: (progress: PublishProgress) => void;
}

export interface PublishResult {
  uploaded: number;
  uploadedBytes: number;
  deleted: number;
}

/** S3 DeleteObjects takes at most 1000 keys per call. */
const deleteBatchSize = 1000;

/**
 * Carries out a plan: uploads every planned file with its Content-Type, Cache-Control and SHA-256 metadata,
 * then, only when every upload succeeded, deletes the stale objects. The order matters: the live index.html
 * keeps working until the files it references are replaced, and a failed upload deletes nothing.
 */
export async function executePublish(plan: PublishPlan, options: ExecutePublishOptions): Promise<PublishResult> {
  const { s3Client, bucket, onProgress } = options;
  if (!plan || !Array.isArray(plan.uploads) || !Array.isArray(plan.deletes)) {
    throw new PublishInputError('plan', 'must be the result of planPublish(...)');
  }
  if (typeof bucket !== 'string' || bucket === '') {
    throw new PublishInputError('bucket', 'must be the bucket name (stack output BucketName)');
  }
  let done = 0;
  let bytesDone = 0;
  await mapWithConcurrency(plan.uploads, options.concurrency ?? 8, async file => {
    const body = await readFile(file.absolutePath);
    await s3Client
      .send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: file.key,
          Body: body,
          ContentType: file.contentType,
          CacheControl: file.cacheControl,
          Metadata: { [sha256MetadataKey]: file.sha256 },
        }),
      )
      .catch((error: unknown) => {
        throw new PublishS3Error('upload', file.key, bucket, error);
      });
    done += 1;
    bytesDone += file.bytes;
    onProgress?.({
      phase: 'upload',
      done,
      total: plan.uploads.length,
      bytesDone,
      bytesTotal: plan.uploadBytes,
      key: file.key,
    });
  });

  let deleted = 0;
  for (let start = 0; start < plan.deletes.length; start += deleteBatchSize) {
    const keys = plan.deletes.slice(start, start + deleteBatchSize);
    const response = await s3Client
      .send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map(Key => ({ Key })), Quiet: true } }))
      .catch((error: unknown) => {
        throw new PublishS3Error('delete', keys[0] ?? '', bucket, error);
      });
    const failure = response.Errors?.[0];
    if (failure) {
      throw new PublishS3Error(
        'delete',
        failure.Key ?? '',
        bucket,
        new Error(`${failure.Code ?? 'Error'}: ${failure.Message ?? ''}`),
      );
    }
    deleted += keys.length;
    onProgress?.({
      phase: 'delete',
      done: deleted,
      total: plan.deletes.length,
      bytesDone: 0,
      bytesTotal: 0,
      key: keys[keys.length - 1] ?? '',
    });
  }
  return { uploaded: done, uploadedBytes: bytesDone, deleted };
}
