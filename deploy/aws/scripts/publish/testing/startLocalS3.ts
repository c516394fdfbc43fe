import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface LocalS3 {
  s3Client: S3Client;
  bucket: string;
  endpoint: string;
  close(): Promise<void>;
}

/** A real S3-compatible server (s3rver) on 127.0.0.1 with one empty bucket, storing in a temporary folder. */
export async function startLocalS3(bucket = 'viewer'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const s3Client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    // Same setting as the deploy script: streamed bodies with default checksums are stored corrupted by s3rver.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return {
    s3Client,
    bucket,
    endpoint,
    async close() {
      s3Client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
