import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner, OutputReader } from '../aws/scripts/runCommand';
import { OhifCheckoutError } from './OhifCheckoutError';
import { entryName, pluginList, readPluginConfig } from './pluginConfigFile';
import type { PluginPackage } from './pluginPackages';
import type { OhifCheckout } from './recogniseOhifCheckout';

export interface CliLinkDependencies {
  run: CommandRunner;
  output: OutputReader;
  log: (line: string) => void;
}

/** What `linkWithOhifCli` did. */
export interface CliLinkReport {
  installed: boolean;
  /** Package names linked now; the others were linked already. */
  linked: string[];
}

const webpackConfigPath = 'platform/app/.webpack/webpack.pwa.js';

/**
 * OHIF 3.12 (yarn 1): links our folders with OHIF's own CLI, as its docs say: `yarn install` first when the
 * checkout has no node_modules, then `yarn run cli link-extension <dir>` and `link-mode <dir>`, which `yarn link`
 * the folder, add `<dir>/node_modules` to webpack.pwa.js's `resolve.modules` and list the package in
 * pluginConfig.json. The CLI calls a global `yarn` and must get 1.x. A package already linked is left alone
 * (the CLI would add its node_modules path to webpack.pwa.js once more); each link is checked afterwards, since
 * the CLI's exit code does not always tell.
 */
export async function linkWithOhifCli(
  checkout: OhifCheckout,
  plugins: PluginPackage[],
  deps: CliLinkDependencies,
): Promise<CliLinkReport> {
  await assertYarnOne(checkout, deps.output);
  const installed = !existsSync(join(checkout.dir, 'node_modules'));
  if (installed) {
    deps.log("yarn install --frozen-lockfile (the checkout has no node_modules; OHIF's CLI needs them)");
    await deps.run('yarn', ['install', '--frozen-lockfile'], {
      cwd: checkout.dir,
      // The test runners' browser downloads are not needed to build the viewer.
      env: { CYPRESS_INSTALL_BINARY: '0', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...process.env },
    });
  }
  const linked: string[] = [];
  for (const plugin of plugins) {
    if (cliLinkProblem(checkout, plugin) === undefined) continue;
    deps.log(`yarn run cli link-${plugin.kind} ${plugin.dir}`);
    await deps.run('yarn', ['run', 'cli', `link-${plugin.kind}`, plugin.dir], { cwd: checkout.dir });
    const problem = cliLinkProblem(checkout, plugin);
    if (problem !== undefined) {
      throw new OhifCheckoutError(
        checkout.dir,
        `yarn run cli link-${plugin.kind} ${plugin.dir} finished, but ${problem}; see its output above`,
      );
    }
    linked.push(plugin.packageName);
  }
  return { installed, linked };
}

/** Why the package is not (fully) linked into the checkout, or undefined when it is. */
export function cliLinkProblem(checkout: OhifCheckout, plugin: PluginPackage): string | undefined {
  const { config } = readPluginConfig(checkout.dir);
  if (!pluginList(checkout.dir, config, plugin.list).some(entry => entryName(entry) === plugin.packageName)) {
    return `platform/app/pluginConfig.json does not list ${plugin.packageName} in "${plugin.list}"`;
  }
  const webpackConfig = readFileSync(join(checkout.dir, webpackConfigPath), 'utf8');
  if (!webpackConfig.includes(join(plugin.dir, 'node_modules').replace(/\\/g, '/'))) {
    return `${webpackConfigPath} does not have ${join(plugin.dir, 'node_modules')} in resolve.modules`;
  }
  const link = join(checkout.dir, 'node_modules', plugin.packageName);
  const target = existsSync(link) ? realpathSync(link) : undefined;
  if (target !== realpathSync(plugin.dir)) {
    return `node_modules/${plugin.packageName} ${target === undefined ? 'is missing' : `points at ${target}`}, not at ${plugin.dir}`;
  }
  return undefined;
}

async function assertYarnOne(checkout: OhifCheckout, output: OutputReader): Promise<void> {
  const fix = "put yarn 1 on PATH (OHIF 3.12's CLI calls a global yarn), e.g. npm install --global yarn@1.22.22";
  let version: string;
  try {
    version = (await output('yarn', ['--version'], { cwd: checkout.dir })).trim();
  } catch (error) {
    throw new OhifCheckoutError(checkout.dir, `yarn could not be run (${(error as Error).message}): ${fix}`);
  }
  if (!/^1\./.test(version)) throw new OhifCheckoutError(checkout.dir, `yarn on PATH is ${version}, not 1.x: ${fix}`);
}
