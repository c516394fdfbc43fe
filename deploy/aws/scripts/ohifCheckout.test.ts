import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhifCheckoutError } from './errors';
import { buildOhifCheckout, prepareOhifCheckout } from './ohifCheckout';
import type { CommandRunner } from './runCommand';

// No OHIF checkout exists on this machine and its build needs Node 24, pnpm and a 24 GB heap: the tests use a
// minimal fake checkout (the files OHIF's build reads) and an injected command runner that records the commands.
let workDir: string;
let checkoutDir: string;
let repoRoot: string;

const originalPluginConfig = {
  extensions: [{ packageName: '@ohif/extension-default', default: true, version: '3.13.2' }],
  modes: [{ packageName: '@ohif/mode-longitudinal', version: '3.13.2' }],
  public: [{ directory: './platform/public' }],
};

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'ohif-checkout-'));
  checkoutDir = join(workDir, 'Viewers');
  repoRoot = join(workDir, 'repo');
  await mkdir(join(checkoutDir, 'platform', 'app'), { recursive: true });
  await writeFile(join(checkoutDir, 'platform', 'app', 'package.json'), JSON.stringify({ name: '@ohif/app', version: '3.13.2' }));
  await writeFile(join(checkoutDir, 'platform', 'app', 'pluginConfig.json'), `${JSON.stringify(originalPluginConfig, null, 2)}\n`);
  for (const [folder, name] of [['extension', 'ohif-extension-aws-healthimaging'], ['mode', 'ohif-mode-aws-healthimaging']]) {
    await mkdir(join(repoRoot, folder!), { recursive: true });
    await writeFile(join(repoRoot, folder!, 'package.json'), JSON.stringify({ name, version: '0.1.0' }));
  }
});
afterEach(() => rm(workDir, { recursive: true, force: true }));

const pluginConfig = async () => JSON.parse(await readFile(join(checkoutDir, 'platform', 'app', 'pluginConfig.json'), 'utf8')) as typeof originalPluginConfig;

test('our two packages are added to pluginConfig.json, other entries kept, the original backed up, the app-config written', async () => {
  const prepared = await prepareOhifCheckout({ checkoutDir, repoRoot, appConfigJs: 'window.config = {};' });
  expect(prepared.pluginConfigChanged).toBe(true);
  const config = await pluginConfig();
  expect(config.extensions).toEqual([
    originalPluginConfig.extensions[0],
    { packageName: 'ohif-extension-aws-healthimaging', version: '0.1.0', directory: join(repoRoot, 'extension') },
  ]);
  expect(config.modes).toEqual([originalPluginConfig.modes[0], { packageName: 'ohif-mode-aws-healthimaging', version: '0.1.0', directory: join(repoRoot, 'mode') }]);
  expect(config.public).toEqual(originalPluginConfig.public);
  expect(JSON.parse(await readFile(prepared.backupPath, 'utf8'))).toEqual(originalPluginConfig);
  expect(await readFile(join(checkoutDir, 'platform', 'app', 'public', 'config', 'healthimaging.js'), 'utf8')).toBe('window.config = {};');
});

test('preparing again changes nothing and keeps the first backup; a stale entry of ours is updated in place', async () => {
  await prepareOhifCheckout({ checkoutDir, repoRoot, appConfigJs: 'a' });
  const again = await prepareOhifCheckout({ checkoutDir, repoRoot, appConfigJs: 'b' });
  expect(again.pluginConfigChanged).toBe(false);
  expect((await pluginConfig()).extensions).toHaveLength(2);

  const config = await pluginConfig();
  config.extensions[1] = { packageName: 'ohif-extension-aws-healthimaging', version: '0.0.1', default: false } as never;
  await writeFile(join(checkoutDir, 'platform', 'app', 'pluginConfig.json'), JSON.stringify(config));
  await prepareOhifCheckout({ checkoutDir, repoRoot, appConfigJs: 'c' });
  expect((await pluginConfig()).extensions[1]).toEqual({ packageName: 'ohif-extension-aws-healthimaging', version: '0.1.0', default: false, directory: join(repoRoot, 'extension') });
  expect(JSON.parse(await readFile(again.backupPath, 'utf8'))).toEqual(originalPluginConfig);
});

test('a folder that is not an OHIF 3.13 checkout is refused before anything is written', async () => {
  await expect(prepareOhifCheckout({ checkoutDir: workDir, repoRoot, appConfigJs: 'x' })).rejects.toThrow(/has no platform\/app\/pluginConfig.json/);
  await writeFile(join(checkoutDir, 'platform', 'app', 'package.json'), JSON.stringify({ version: '3.12.0' }));
  await expect(prepareOhifCheckout({ checkoutDir, repoRoot, appConfigJs: 'x' })).rejects.toThrow(OhifCheckoutError);
  expect(existsSync(join(checkoutDir, 'platform', 'app', 'public'))).toBe(false);
});

test('the build installs when node_modules is missing, then runs the build script with APP_CONFIG, and returns dist', async () => {
  const calls: Array<{ command: string; args: string[]; cwd: string; appConfig: string | undefined }> = [];
  const runner: CommandRunner = async (command, args, options) => {
    calls.push({ command, args, cwd: options.cwd, appConfig: options.env?.APP_CONFIG });
    if (args[0] === 'run') {
      await mkdir(join(checkoutDir, 'platform', 'app', 'dist'), { recursive: true });
      await writeFile(join(checkoutDir, 'platform', 'app', 'dist', 'index.html'), '<html>');
    }
  };
  const dist = await buildOhifCheckout({ checkoutDir, runCommand: runner });
  expect(dist).toBe(join(checkoutDir, 'platform', 'app', 'dist'));
  expect(calls).toEqual([
    { command: 'pnpm', args: ['install', '--frozen-lockfile'], cwd: checkoutDir, appConfig: undefined },
    { command: 'pnpm', args: ['run', 'build:viewer'], cwd: join(checkoutDir, 'platform', 'app'), appConfig: 'config/healthimaging.js' },
  ]);

  await mkdir(join(checkoutDir, 'node_modules'));
  calls.length = 0;
  await buildOhifCheckout({ checkoutDir, runCommand: runner, buildScript: 'build' });
  expect(calls.map(call => call.args)).toEqual([['run', 'build']]);
});

test('a build that leaves no dist/index.html is an error', async () => {
  await mkdir(join(checkoutDir, 'node_modules'));
  await expect(buildOhifCheckout({ checkoutDir, runCommand: async () => undefined })).rejects.toThrow('platform/app/dist/index.html is missing');
});
