import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandRunner } from '../aws/scripts/runCommand';
import { OhifCheckoutError } from './OhifCheckoutError';
import { prepareOhifCheckout } from './prepareOhifCheckout';
import { makeFixtureCheckout, stockPluginConfig, type FixtureCheckout } from './testing/fixtureCheckout';

// CI has no OHIF checkout: fixture trees with the files the command reads and edits. OHIF 3.12's CLI cannot run
// without a full install either, so `fakeOhifCli` stands in for it, editing the three things its link-extension /
// link-mode edit (pluginConfig.json, webpack.pwa.js's resolve.modules, the yarn link in node_modules).
let fixture: FixtureCheckout;
afterEach(() => rm(fixture.workDir, { recursive: true, force: true }));

interface Ran {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

function recordingRunner(
  fixtureCheckout: FixtureCheckout,
  behaviour: { linkWorks: boolean } = { linkWorks: true },
): { ran: Ran[]; run: CommandRunner } {
  const ran: Ran[] = [];
  const run: CommandRunner = async (command, args, options) => {
    ran.push({ command, args, cwd: options.cwd, ...(options.env && { env: options.env }) });
    if (args[0] === 'install') await mkdir(join(fixtureCheckout.checkoutDir, 'node_modules'), { recursive: true });
    if (args[1] === 'cli' && behaviour.linkWorks)
      await fakeOhifCli(fixtureCheckout.checkoutDir, args[2] as string, args[3] as string);
  };
  return { ran, run };
}

async function fakeOhifCli(checkoutDir: string, command: string, packageDir: string): Promise<void> {
  const { name, version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const configFile = join(checkoutDir, 'platform/app/pluginConfig.json');
  const config = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, Array<{ packageName: string }>>;
  (config[command === 'link-mode' ? 'modes' : 'extensions'] as Array<{ packageName: string }>).push({
    packageName: name,
    version,
  } as never);
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const webpackFile = join(checkoutDir, 'platform/app/.webpack/webpack.pwa.js');
  const webpack = await readFile(webpackFile, 'utf8');
  await writeFile(
    webpackFile,
    webpack.replace(
      /(modules:\s*\[)([\s\S]*?)(\])/,
      `$1$2  path.resolve(__dirname, '${join(packageDir, 'node_modules')}'),$3`,
    ),
  );
  await mkdir(join(checkoutDir, 'node_modules'), { recursive: true });
  await symlink(packageDir, join(checkoutDir, 'node_modules', name));
}

/** Where the checkout's node_modules/<name> leads, or undefined. */
const linkTarget = (fixtureCheckout: FixtureCheckout, name: string) => {
  const link = join(fixtureCheckout.checkoutDir, 'node_modules', name);
  return existsSync(link) ? realpathSync(link) : undefined;
};
const contractDir = (fixtureCheckout: FixtureCheckout) => realpathSync(join(fixtureCheckout.repoRoot, 'contract'));

const yarnVersion = (version: string) => async () => `${version}\n`;
const options = (fixtureCheckout: FixtureCheckout, run: CommandRunner, output = yarnVersion('1.22.22')) => ({
  checkoutDir: fixtureCheckout.checkoutDir,
  repoRoot: fixtureCheckout.repoRoot,
  appConfigJs: 'window.config = { extensions: [], modes: [] };',
  run,
  output,
  log: () => undefined,
});

describe('an OHIF 3.12 checkout (yarn 1)', () => {
  beforeEach(async () => {
    fixture = await makeFixtureCheckout({
      version: '3.12.0-beta.113',
      packageManager: 'yarn',
      rootScripts: { dev: 'lerna run dev:viewer', build: 'lerna run build:viewer' },
    });
  });

  it('is installed first, then linked with OHIF CLI, and gets the app-config', async () => {
    const { ran, run } = recordingRunner(fixture);
    const prepared = await prepareOhifCheckout(options(fixture, run));
    expect(ran.map(({ command, args, cwd }) => ({ command, args, cwd }))).toEqual([
      { command: 'yarn', args: ['install', '--frozen-lockfile'], cwd: fixture.checkoutDir },
      {
        command: 'yarn',
        args: ['run', 'cli', 'link-extension', join(fixture.repoRoot, 'extension')],
        cwd: fixture.checkoutDir,
      },
      { command: 'yarn', args: ['run', 'cli', 'link-mode', join(fixture.repoRoot, 'mode')], cwd: fixture.checkoutDir },
    ]);
    expect(ran[0]?.env).toMatchObject({ CYPRESS_INSTALL_BINARY: '0' });
    expect(prepared.checkout.generation.linking).toBe('cli-link');
    expect(await readFile(join(fixture.checkoutDir, 'platform/app/public/config/healthimaging.js'), 'utf8')).toBe(
      'window.config = { extensions: [], modes: [] };',
    );
  });

  it('links the package of ours the extension imports into node_modules, where the build looks', async () => {
    const prepared = await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect(linkTarget(fixture, 'ohif-healthimaging-contract')).toBe(contractDir(fixture));
    expect(prepared.changes).toContain(
      'linked into node_modules, for the build to find them: ohif-healthimaging-contract',
    );
    const again = await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect(again.changes).toContain('our packages the plugins import are linked already: ohif-healthimaging-contract');
  });

  it('replaces a link to another clone, and refuses to replace a real folder', async () => {
    await mkdir(join(fixture.checkoutDir, 'node_modules'));
    await symlink(
      join(fixture.workDir, 'elsewhere'),
      join(fixture.checkoutDir, 'node_modules', 'ohif-healthimaging-contract'),
    );
    await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect(linkTarget(fixture, 'ohif-healthimaging-contract')).toBe(contractDir(fixture));
    await rm(join(fixture.checkoutDir, 'node_modules', 'ohif-healthimaging-contract'));
    await mkdir(join(fixture.checkoutDir, 'node_modules', 'ohif-healthimaging-contract'));
    await expect(prepareOhifCheckout(options(fixture, recordingRunner(fixture).run))).rejects.toThrow(
      `node_modules/ohif-healthimaging-contract is a folder, not a link to ${join(fixture.repoRoot, 'contract')}: remove it and run this again`,
    );
  });

  it('runs nothing a second time: the packages are linked already', async () => {
    await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    const again = recordingRunner(fixture);
    const prepared = await prepareOhifCheckout(options(fixture, again.run));
    expect(again.ran).toEqual([]);
    expect(prepared.changes).toContain('our extension and mode were linked already');
  });

  it('says so when the CLI finished without linking', async () => {
    await mkdir(join(fixture.checkoutDir, 'node_modules'));
    const { run } = recordingRunner(fixture, { linkWorks: false });
    await expect(prepareOhifCheckout(options(fixture, run))).rejects.toThrow(
      `yarn run cli link-extension ${join(fixture.repoRoot, 'extension')} finished, but platform/app/pluginConfig.json does not list ohif-extension-aws-healthimaging in "extensions"`,
    );
  });

  it('refuses yarn 2+ and a missing yarn, saying how to get yarn 1', async () => {
    const { ran, run } = recordingRunner(fixture);
    await expect(prepareOhifCheckout(options(fixture, run, yarnVersion('4.5.0')))).rejects.toThrow(
      "yarn on PATH is 4.5.0, not 1.x: put yarn 1 on PATH (OHIF 3.12's CLI calls a global yarn), e.g. npm install --global yarn@1.22.22",
    );
    const missing = async () => {
      throw new Error('spawn yarn ENOENT');
    };
    await expect(prepareOhifCheckout(options(fixture, run, missing))).rejects.toThrow(OhifCheckoutError);
    await expect(prepareOhifCheckout(options(fixture, run, missing))).rejects.toThrow(
      'yarn could not be run (spawn yarn ENOENT): put yarn 1 on PATH',
    );
    expect(ran).toEqual([]);
  });
});

describe('an OHIF 3.13 checkout (pnpm)', () => {
  beforeEach(async () => {
    fixture = await makeFixtureCheckout({
      version: '3.13.2',
      packageManager: 'pnpm',
      appScripts: { dev: 'rspack serve', 'build:viewer': 'rspack build' },
    });
  });
  const pluginConfig = async () =>
    JSON.parse(
      await readFile(join(fixture.checkoutDir, 'platform/app/pluginConfig.json'), 'utf8'),
    ) as typeof stockPluginConfig;

  it('lists our packages by directory (no version), keeps the other entries, backs up the original, runs nothing', async () => {
    const { ran, run } = recordingRunner(fixture);
    const prepared = await prepareOhifCheckout(options(fixture, run));
    expect(ran).toEqual([]);
    const config = await pluginConfig();
    expect(config.extensions).toEqual([
      stockPluginConfig.extensions[0],
      { packageName: 'ohif-extension-aws-healthimaging', directory: join(fixture.repoRoot, 'extension') },
    ]);
    expect(config.modes).toEqual([
      stockPluginConfig.modes[0],
      { packageName: 'ohif-mode-aws-healthimaging', directory: join(fixture.repoRoot, 'mode') },
    ]);
    expect(config.public).toEqual(stockPluginConfig.public);
    const backup = join(fixture.checkoutDir, 'platform/app/pluginConfig.json.before-healthimaging');
    expect(JSON.parse(await readFile(backup, 'utf8'))).toEqual(stockPluginConfig);
    expect(prepared.changes[0]).toContain('lists our extension and mode by directory');
    expect(existsSync(prepared.appConfigPath)).toBe(true);
  });

  it('links the package of ours the extension imports into node_modules, and asks for an install first', async () => {
    await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect(linkTarget(fixture, 'ohif-healthimaging-contract')).toBe(contractDir(fixture));
    await rm(join(fixture.checkoutDir, 'node_modules'), { recursive: true });
    await expect(prepareOhifCheckout(options(fixture, recordingRunner(fixture).run))).rejects.toThrow(
      'has no node_modules: install its dependencies first (pnpm install), then run this again',
    );
  });

  it('replaces an earlier entry of ours (dropping its version) and changes nothing when run again', async () => {
    const config = {
      ...stockPluginConfig,
      extensions: [
        ...stockPluginConfig.extensions,
        { packageName: 'ohif-extension-aws-healthimaging', version: '0.0.1', directory: '/old' },
      ],
    };
    await writeFile(join(fixture.checkoutDir, 'platform/app/pluginConfig.json'), JSON.stringify(config));
    await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect((await pluginConfig()).extensions).toEqual([
      stockPluginConfig.extensions[0],
      { packageName: 'ohif-extension-aws-healthimaging', directory: join(fixture.repoRoot, 'extension') },
    ]);
    const again = await prepareOhifCheckout(options(fixture, recordingRunner(fixture).run));
    expect(again.changes[0]).toBe('platform/app/pluginConfig.json lists our extension and mode already');
  });

  it('names a pluginConfig.json that is not JSON, or whose list is not an array', async () => {
    const file = join(fixture.checkoutDir, 'platform/app/pluginConfig.json');
    await writeFile(file, '{');
    await expect(prepareOhifCheckout(options(fixture, recordingRunner(fixture).run))).rejects.toThrow(
      'platform/app/pluginConfig.json is not valid JSON',
    );
    await writeFile(file, JSON.stringify({ extensions: {}, modes: [] }));
    await expect(prepareOhifCheckout(options(fixture, recordingRunner(fixture).run))).rejects.toThrow(
      'platform/app/pluginConfig.json: "extensions" must be an array',
    );
  });
});
