import { mkdir } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { EmulatedImportRole } from './EmulatedIam';
import { ImportJobEmulator, type ImportJobStore } from './ImportJobEmulator';
import { startImportJobServer } from './startImportJobServer';

/** The local account id: the one LocalStack and the AWS documentation use for examples. */
export const localAccountId = '000000000000';
/** The import role of the local stack: may read and write the whole local bucket. */
export const localImportRoleArn = `arn:aws:iam::${localAccountId}:role/LocalImportJobRole`;
export const localImportBucket = 'dicom-import';
/** s3rver's fixed credentials; the AWS SDK signs with them. */
export const localS3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalImportJobsOptions {
  datastoreId: string;
  store: ImportJobStore;
  /** Where s3rver keeps the bucket (uploads survive a restart, so an interrupted import can resume). */
  s3Dir: string;
  /** Ports of the S3-compatible server and the control plane; 0 (default) picks free ones. */
  s3Port?: number;
  controlPlanePort?: number;
  /** Import roles besides the local one (tests add roles with fewer grants). */
  extraRoles?: EmulatedImportRole[];
  log?: (line: string) => void;
}

export interface RunningLocalImportJobs {
  /** The S3-compatible server (s3rver): `--s3-endpoint` of `npm run import -- --via s3`. */
  s3Endpoint: string;
  /** The emulated HealthImaging control plane: `--medical-imaging-endpoint`. */
  controlPlaneEndpoint: string;
  bucket: string;
  roleArn: string;
  emulator: ImportJobEmulator;
  close(): Promise<void>;
}

/**
 * HealthImaging import jobs without AWS: s3rver on loopback with one bucket, and the import-job emulation storing
 * into the local DicomStore, reachable with the real AWS SDK clients given these endpoints.
 */
export async function startLocalImportJobs(options: LocalImportJobsOptions): Promise<RunningLocalImportJobs> {
  await mkdir(options.s3Dir, { recursive: true });
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: options.s3Port ?? 0,
    silent: true,
    directory: options.s3Dir,
    configureBuckets: [{ name: localImportBucket }],
  });
  const { port: s3Port } = await s3.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const s3Client = new S3Client({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: localS3Credentials,
    // s3rver stores streamed bodies sent with the SDK's default checksums corrupted (chunk framing kept).
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  const everything = `s3://${localImportBucket}/`;
  const emulator = new ImportJobEmulator({
    datastoreId: options.datastoreId,
    store: options.store,
    s3Client,
    roles: [{ arn: localImportRoleArn, read: [everything], write: [everything] }, ...(options.extraRoles ?? [])],
    ...(options.log ? { log: options.log } : {}),
  });
  let controlPlane;
  try {
    controlPlane = await startImportJobServer({ emulator, port: options.controlPlanePort ?? 0 });
  } catch (error) {
    s3Client.destroy();
    await s3.close();
    throw error;
  }
  const server = controlPlane;
  return {
    s3Endpoint,
    controlPlaneEndpoint: server.url,
    bucket: localImportBucket,
    roleArn: localImportRoleArn,
    emulator,
    async close() {
      await server.close();
      await emulator.idle();
      s3Client.destroy();
      await s3.close();
    },
  };
}
