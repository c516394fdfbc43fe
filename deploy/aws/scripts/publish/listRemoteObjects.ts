import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { PublishS3Error } from './errors';
import { mapWithConcurrency } from './mapWithConcurrency';
import type { RemoteObject } from './planPublish';

/** The metadata key (`x-amz-meta-sha256`) holding the hex SHA-256 of an object's content. */
export const sha256MetadataKey = 'sha256';

export interface ListRemoteObjectsOptions {
  s3Client: S3Client;
  bucket: string;
  /** HeadObject calls in flight at once (to read each object's checksum and headers). Default 8. */
  concurrency?: number;
}

/**
 * Everything in the bucket with its size, ETag, stored SHA-256, Content-Type and Cache-Control. Listing does not
 * return metadata, so each object is read with HeadObject (a viewer has about a hundred files).
 */
export async function listRemoteObjects(options: ListRemoteObjectsOptions): Promise<RemoteObject[]> {
  const { s3Client, bucket } = options;
  const listed: Array<{ key: string; bytes: number; etag?: string }> = [];
  let continuationToken: string | undefined;
  do {
    const page = await s3Client
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: continuationToken }))
      .catch((error: unknown) => {
        throw new PublishS3Error('list', '', bucket, error);
      });
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined) listed.push({ key: object.Key, bytes: object.Size ?? 0, etag: object.ETag });
    }
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);

  return mapWithConcurrency(listed, options.concurrency ?? 8, async object => {
    const head = await s3Client
      .send(new HeadObjectCommand({ Bucket: bucket, Key: object.key }))
      .catch((error: unknown) => {
        throw new PublishS3Error('head', object.key, bucket, error);
      });
    const remote: RemoteObject = { ...object };
    const sha256 = head.Metadata?.[sha256MetadataKey];
    if (sha256) remote.sha256 = sha256;
    if (head.ContentType) remote.contentType = head.ContentType;
    if (head.CacheControl) remote.cacheControl = head.CacheControl;
    return remote;
  });
}
