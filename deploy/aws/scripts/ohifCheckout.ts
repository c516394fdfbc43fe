import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OhifCheckoutError } from './errors';
import type { CommandRunner } from './runCommand';

/** Our two packages as OHIF's build-time plugin list names them (`packageName` = package.json name = extension id). */
export const ohifPluginPackages = [
  { list: 'extensions', packageName: 'ohif-extension-aws-healthimaging', folder: 'extension' },
  { list: 'modes', packageName: 'ohif-mode-aws-healthimaging', folder: 'mode' },
] as const;

/** Where the checkout's app reads our app-config from (OHIF copies `public/` into `dist/`). */
export const checkoutAppConfigPath = 'platform/app/public/config/healthimaging.js';
const pluginConfigPath = 'platform/app/pluginConfig.json';
const backupSuffix = '.before-healthimaging';

interface PluginEntry {
  packageName: string;
  version?: string;
  directory?: string;
  [key: string]: unknown;
}

export interface PrepareOhifCheckoutOptions {
  /** The OHIF 3.13 checkout (the Viewers repository root). */
  checkoutDir: string;
  /** This repository's root: the `extension/` and `mode/` folders are linked from there. */
  repoRoot: string;
  /** The app-config.js text (rendered from the stack outputs). */
  appConfigJs: string;
}

export interface PreparedCheckout {
  /** Whether pluginConfig.json was changed (false when our entries were already there, as written). */
  pluginConfigChanged: boolean;
  /** The untouched original pluginConfig.json, saved once before the first change. */
  backupPath: string;
  appConfigPath: string;
}

/**
 * Readies an OHIF 3.13 checkout to build our viewer: adds (or updates) the pluginConfig.json entries of our
 * extension and mode, pointing at this repository, leaving every other entry as it was; saves the original
 * pluginConfig.json once; writes our app-config to `platform/app/public/config/healthimaging.js`. Idempotent.
 */
export async function prepareOhifCheckout(options: PrepareOhifCheckoutOptions): Promise<PreparedCheckout> {
  const { checkoutDir, repoRoot, appConfigJs } = options;
  await assertOhif313(checkoutDir);
  const configFile = join(checkoutDir, pluginConfigPath);
  const originalText = await readFile(configFile, 'utf8');
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(originalText) as Record<string, unknown>;
  } catch (error) {
    throw new OhifCheckoutError(checkoutDir, `${pluginConfigPath} is not valid JSON (${(error as Error).message})`);
  }
  for (const plugin of ohifPluginPackages) {
    const packageJson = JSON.parse(await readFile(join(repoRoot, plugin.folder, 'package.json'), 'utf8')) as { name: string; version: string };
    if (packageJson.name !== plugin.packageName) {
      throw new OhifCheckoutError(checkoutDir, `${plugin.folder}/package.json is named ${packageJson.name}, expected ${plugin.packageName}`);
    }
    const list = config[plugin.list] ?? [];
    if (!Array.isArray(list)) throw new OhifCheckoutError(checkoutDir, `${pluginConfigPath}: "${plugin.list}" must be an array`);
    const entry: PluginEntry = { packageName: plugin.packageName, version: packageJson.version, directory: join(repoRoot, plugin.folder) };
    const index = list.findIndex((item: PluginEntry | undefined) => item?.packageName === plugin.packageName);
    if (index === -1) list.push(entry);
    else list[index] = { ...(list[index] as PluginEntry), ...entry };
    config[plugin.list] = list;
  }
  const updatedText = `${JSON.stringify(config, null, 2)}\n`;
  const backupPath = `${configFile}${backupSuffix}`;
  const pluginConfigChanged = updatedText !== originalText;
  if (pluginConfigChanged) {
    if (!existsSync(backupPath)) await copyFile(configFile, backupPath);
    await writeFile(configFile, updatedText);
  }
  const appConfigPath = join(checkoutDir, checkoutAppConfigPath);
  await mkdir(join(appConfigPath, '..'), { recursive: true });
  await writeFile(appConfigPath, appConfigJs);
  return { pluginConfigChanged, backupPath, appConfigPath };
}

export interface BuildOhifCheckoutOptions {
  checkoutDir: string;
  /** Runs the build commands (tests inject one that runs nothing). */
  runCommand: CommandRunner;
  /**
   * The platform/app package.json script that builds for production. Default `build:viewer` (OHIF 3.13:
   * `cross-env NODE_ENV=production pnpm run build`, i.e. `rspack build`). OHIF 3.13 needs Node ≥ 24, pnpm and
   * asks for a 24 GB heap.
   */
  buildScript?: string;
  /** The pnpm executable. Default `pnpm`. */
  pnpmCommand?: string;
}

/**
 * Builds the prepared checkout: `pnpm install --frozen-lockfile` at its root when it has no node_modules yet, then
 * `APP_CONFIG=config/healthimaging.js pnpm run <buildScript>` in platform/app. Resolves with `platform/app/dist`.
 */
export async function buildOhifCheckout(options: BuildOhifCheckoutOptions): Promise<string> {
  const { checkoutDir } = options;
  const pnpm = options.pnpmCommand ?? 'pnpm';
  await assertOhif313(checkoutDir);
  if (!existsSync(join(checkoutDir, 'node_modules'))) {
    await options.runCommand(pnpm, ['install', '--frozen-lockfile'], { cwd: checkoutDir });
  }
  await options.runCommand(pnpm, ['run', options.buildScript ?? 'build:viewer'], {
    cwd: join(checkoutDir, 'platform', 'app'),
    env: { ...process.env, APP_CONFIG: 'config/healthimaging.js' },
  });
  const distDir = join(checkoutDir, 'platform', 'app', 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new OhifCheckoutError(checkoutDir, 'the build finished but platform/app/dist/index.html is missing');
  }
  return distDir;
}

/** Checks the folder is an OHIF 3.13 Viewers checkout: platform/app/pluginConfig.json and a 3.13 platform/app. */
export async function assertOhif313(checkoutDir: string): Promise<void> {
  if (!existsSync(join(checkoutDir, pluginConfigPath))) {
    throw new OhifCheckoutError(checkoutDir, `has no ${pluginConfigPath}: give the root of an OHIF Viewers 3.13 checkout`);
  }
  const appPackage = JSON.parse(await readFile(join(checkoutDir, 'platform', 'app', 'package.json'), 'utf8').catch(() => '{}')) as { version?: string };
  if (!/^3\.13\./.test(appPackage.version ?? '')) {
    throw new OhifCheckoutError(checkoutDir, `platform/app/package.json has version ${JSON.stringify(appPackage.version ?? null)}; this project is built for OHIF 3.13`);
  }
}
