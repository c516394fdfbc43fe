import { open, readFile } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { sha256MetadataKey } from '../../aws/scripts/publish/listRemoteObjects';
import { awsErrorStatus, ImportS3Error } from '../errors';
import type { DicomFile } from '../findDicomFiles';
import { fileSha256 } from './fileSha256';
import { formatS3Uri, type S3Location } from './S3Location';

/** S3 refuses multipart parts under 5 MiB (except the last). */
export const minimumPartBytes = 5 * 1024 * 1024;

export interface UploadDicomFileOptions {
  s3Client: S3Client;
  location: S3Location;
  /** Files larger than this go up in parts of this size (multipart upload); smaller ones in one PutObject. */
  partBytes: number;
  /** Told after each part of a multipart upload, with its bytes. */
  onBytes?: (bytes: number) => void;
}

/**
 * Uploads one file to `<prefix><name>` unless an object with the same size and SHA-256 (metadata `sha256`) is there
 * already: `present` then, so a re-run after an interruption sends only what is missing. Bodies are Buffers read
 * from the file (one part at a time for large files): streamed bodies with the SDK's default checksums are stored
 * corrupted by some S3-compatible servers.
 * @throws ImportS3Error naming the action and the object.
 */
export async function uploadDicomFile(
  file: DicomFile,
  options: UploadDicomFileOptions,
): Promise<'uploaded' | 'present'> {
  const { s3Client, location } = options;
  const key = `${location.prefix}${file.name}`;
  const uri = formatS3Uri(location, file.name);
  const sha256 = await fileSha256(file.path);
  const head = await s3Client
    .send(new HeadObjectCommand({ Bucket: location.bucket, Key: key }))
    .catch((error: unknown) => {
      if (awsErrorStatus(error) === 404) return undefined;
      throw new ImportS3Error('s3:HeadObject', uri, error);
    });
  if (head && head.ContentLength === file.bytes && head.Metadata?.[sha256MetadataKey] === sha256) return 'present';

  const metadata = { [sha256MetadataKey]: sha256 };
  if (file.bytes <= options.partBytes) {
    await s3Client
      .send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: key,
          Body: await readFile(file.path),
          ContentType: 'application/dicom',
          Metadata: metadata,
        }),
      )
      .catch((error: unknown) => {
        throw new ImportS3Error('s3:PutObject', uri, error);
      });
    options.onBytes?.(file.bytes);
    return 'uploaded';
  }
  await uploadInParts(file, key, uri, metadata, options);
  return 'uploaded';
}

async function uploadInParts(
  file: DicomFile,
  key: string,
  uri: string,
  metadata: Record<string, string>,
  options: UploadDicomFileOptions,
): Promise<void> {
  const { s3Client, location, partBytes } = options;
  const created = await s3Client
    .send(
      new CreateMultipartUploadCommand({
        Bucket: location.bucket,
        Key: key,
        ContentType: 'application/dicom',
        Metadata: metadata,
      }),
    )
    .catch((error: unknown) => {
      throw new ImportS3Error('s3:PutObject', uri, error);
    });
  const uploadId = created.UploadId as string;
  const handle = await open(file.path, 'r');
  try {
    const parts: Array<{ ETag: string; PartNumber: number }> = [];
    for (let offset = 0, partNumber = 1; offset < file.bytes; offset += partBytes, partNumber += 1) {
      const body = Buffer.alloc(Math.min(partBytes, file.bytes - offset));
      await handle.read(body, 0, body.length, offset);
      const part = await s3Client.send(
        new UploadPartCommand({
          Bucket: location.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
        }),
      );
      parts.push({ ETag: part.ETag as string, PartNumber: partNumber });
      options.onBytes?.(body.length);
    }
    await s3Client.send(
      new CompleteMultipartUploadCommand({
        Bucket: location.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    // An abandoned upload keeps its parts (and their cost) until aborted.
    await s3Client
      .send(new AbortMultipartUploadCommand({ Bucket: location.bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined);
    throw error instanceof ImportS3Error ? error : new ImportS3Error('s3:PutObject', uri, error);
  } finally {
    await handle.close();
  }
}
