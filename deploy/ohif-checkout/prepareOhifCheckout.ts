import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CommandRunner, OutputReader } from '../aws/scripts/runCommand';
import { addPluginConfigDirectories } from './addPluginConfigDirectories';
import { linkWithOhifCli } from './linkWithOhifCli';
import { linkWorkspaceDependencies } from './linkWorkspaceDependencies';
import { pluginPackages } from './pluginPackages';
import { recogniseOhifCheckout, type OhifCheckout } from './recogniseOhifCheckout';
import { checkoutAppConfigFile } from './viewerCommands';
import { workspaceDependencies } from './workspaceDependencies';

export interface PrepareOhifCheckoutOptions {
  /** The OHIF Viewers checkout (its root). */
  checkoutDir: string;
  /** This repository's root: `extension/` and `mode/` are added from there. */
  repoRoot: string;
  /** The app-config.js text, rendered for a viewer with our plugins compiled in. */
  appConfigJs: string;
  run: CommandRunner;
  output: OutputReader;
  log: (line: string) => void;
}

export interface PreparedOhifCheckout {
  checkout: OhifCheckout;
  /** What changed in the checkout, one line each (for the summary). */
  changes: string[];
  appConfigPath: string;
}

/**
 * Readies an OHIF checkout to build our viewer, the way its version expects: recognises it (or refuses it),
 * links (3.12, OHIF's CLI) or lists (3.13, pluginConfig.json) our extension and mode, links the packages of ours
 * they import (the contract, ...) into its node_modules, and writes the app-config to
 * platform/app/public/config/healthimaging.js. Running it again changes nothing more.
 */
export async function prepareOhifCheckout(options: PrepareOhifCheckoutOptions): Promise<PreparedOhifCheckout> {
  const checkout = recogniseOhifCheckout(options.checkoutDir);
  options.log(`${checkout.generation.name}: @ohif/app ${checkout.version}`);
  const plugins = pluginPackages(options.repoRoot);
  const changes: string[] = [];
  if (checkout.generation.linking === 'cli-link') {
    const report = await linkWithOhifCli(checkout, plugins, options);
    if (report.installed) changes.push('yarn install --frozen-lockfile ran (the checkout had no node_modules)');
    changes.push(
      report.linked.length > 0
        ? `linked with OHIF's CLI: ${report.linked.join(', ')} (it edits platform/app/pluginConfig.json and platform/app/.webpack/webpack.pwa.js)`
        : 'our extension and mode were linked already',
    );
  } else {
    const change = await addPluginConfigDirectories(checkout, plugins);
    changes.push(
      change.changed
        ? `platform/app/pluginConfig.json lists our extension and mode by directory (original kept in ${change.backupPath})`
        : 'platform/app/pluginConfig.json lists our extension and mode already',
    );
  }
  const dependencies = workspaceDependencies(options.repoRoot, plugins);
  const linkedDependencies = await linkWorkspaceDependencies(checkout, dependencies);
  if (dependencies.length > 0) {
    changes.push(
      linkedDependencies.length > 0
        ? `linked into node_modules, for the build to find them: ${linkedDependencies.join(', ')}`
        : `our packages the plugins import are linked already: ${dependencies.map(({ packageName }) => packageName).join(', ')}`,
    );
  }
  const appConfigPath = join(checkout.dir, checkoutAppConfigFile);
  await mkdir(dirname(appConfigPath), { recursive: true });
  await writeFile(appConfigPath, options.appConfigJs);
  changes.push(`app-config written: ${checkoutAppConfigFile}`);
  return { checkout, changes, appConfigPath };
}
