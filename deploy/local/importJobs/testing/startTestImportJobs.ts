import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../../import/s3/awsClients';
import { DicomStore } from '../../storage';
import type { EmulatedImportRole } from '../EmulatedIam';
import { localS3Credentials, startLocalImportJobs, type RunningLocalImportJobs } from '../startLocalImportJobs';

export const testDatastoreId = '0123456789abcdef0123456789abcdef';

export interface TestImportJobs extends RunningLocalImportJobs {
  store: DicomStore;
  /** The clients `npm run import -- --via s3` builds, pointed at the local servers. */
  clients: ReturnType<typeof createAwsClients>;
  closeAll(): Promise<void>;
}

/** The real local import-job emulation (real s3rver, real DicomStore in a temporary folder) on free ports. */
export async function startTestImportJobs(extraRoles: EmulatedImportRole[] = []): Promise<TestImportJobs> {
  const dir = await mkdtemp(join(tmpdir(), 'import-jobs-'));
  const store = await DicomStore.open(join(dir, 'dicom'));
  const running = await startLocalImportJobs({
    datastoreId: testDatastoreId,
    store,
    s3Dir: join(dir, 's3'),
    extraRoles,
  });
  const clients = createAwsClients({
    region: 'us-east-1',
    maxRetries: 1,
    s3Endpoint: running.s3Endpoint,
    medicalImagingEndpoint: running.controlPlaneEndpoint,
    credentials: localS3Credentials,
  });
  return {
    ...running,
    store,
    clients,
    async closeAll() {
      clients.s3Client.destroy();
      clients.medicalImagingClient.destroy();
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
