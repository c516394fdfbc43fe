// `npm run ohif-checkout` as a user runs it, in a child process, against fixture checkouts
// (see prepareOhifCheckout.test.ts).
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../viewer/repoRoot';
import { makeFixtureCheckout, type FixtureCheckout } from './testing/fixtureCheckout';

jest.setTimeout(60_000);

let fixture: FixtureCheckout | undefined;
afterEach(async () => {
  if (fixture) await rm(fixture.workDir, { recursive: true, force: true });
});

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsx = join(repoRoot(), 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [join(__dirname, 'cli.ts'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('prepares a 3.13 checkout for the local stack and prints the commands to run', async () => {
  fixture = await makeFixtureCheckout({
    version: '3.13.2',
    packageManager: 'pnpm',
    appScripts: { dev: 'rspack serve', 'build:viewer': 'rspack build' },
  });
  const result = await runCli([fixture.checkoutDir]);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(
    'Ready: OHIF 3.13 with pnpm (pluginConfig.json directory entries), @ohif/app 3.13.2.',
  );
  expect(result.stdout).toContain('npm start -- --viewer-port 3100 --extra-viewer-origin http://localhost:3000');
  expect(result.stdout).toContain(
    `cd ${join(fixture.checkoutDir, 'platform/app')} && APP_CONFIG=config/healthimaging.js pnpm run build:viewer`,
  );
  const appConfig = await readFile(join(fixture.checkoutDir, 'platform/app/public/config/healthimaging.js'), 'utf8');
  expect(appConfig).toContain('"extensions": []');
  expect(appConfig).toContain('"authority": "http://127.0.0.1:5001"');
  expect(appConfig).not.toMatch(/"oidc": *\{/);
});

test('refuses an unknown OHIF with exit code 1 and one line, and a wrong argument with 2', async () => {
  fixture = await makeFixtureCheckout({ version: '3.11.2', packageManager: 'yarn' });
  const refused = await runCli([fixture.checkoutDir]);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toMatch(
    /^ohif-checkout: OHIF checkout .*: found @ohif\/app 3\.11\.2 with yarn; supported: /,
  );
  expect((await runCli([fixture.checkoutDir, '--target', 'cloud'])).code).toBe(2);
});

test('--target aws reads the deployed stack outputs and says which file lacks them', async () => {
  fixture = await makeFixtureCheckout({ version: '3.13.2', packageManager: 'pnpm' });
  const missing = await runCli([
    fixture.checkoutDir,
    '--target',
    'aws',
    '--outputs-file',
    join(fixture.workDir, 'none.json'),
  ]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain(`none.json`);
});
