import { existsSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OhifCheckout } from './recogniseOhifCheckout';
import type { PluginPackage } from './pluginPackages';
import { entryName, pluginConfigPath, pluginList, readPluginConfig, type PluginEntry } from './pluginConfigFile';

export const pluginConfigBackupSuffix = '.before-healthimaging';

/** What `addPluginConfigDirectories` did to pluginConfig.json. */
export interface PluginConfigChange {
  changed: boolean;
  /** The original pluginConfig.json, saved once before the first change. */
  backupPath: string;
}

/**
 * OHIF 3.13 (pnpm): lists our packages in platform/app/pluginConfig.json as `{ packageName, directory }`. The
 * build maps `directory` (the package root, absolute here) to a `resolve.alias` for the package name, so the
 * generated plugin imports compile our `module` entry (src/index.ts) from this repository, and copies the
 * folder's `public/` and `dist/` into its output (ours have neither: the runtime bundles live in `runtime/`).
 * No `version`: 3.13 ignores it and later OHIF rejects it as a dead field. Other entries stay as they are;
 * an entry of ours from an earlier run is replaced. The original file is saved once. Idempotent.
 */
export async function addPluginConfigDirectories(
  checkout: OhifCheckout,
  plugins: PluginPackage[],
): Promise<PluginConfigChange> {
  const { text, config } = readPluginConfig(checkout.dir);
  for (const plugin of plugins) {
    const entries = pluginList(checkout.dir, config, plugin.list);
    const entry: PluginEntry = { packageName: plugin.packageName, directory: plugin.dir };
    const index = entries.findIndex(candidate => entryName(candidate) === plugin.packageName);
    if (index === -1) entries.push(entry);
    else entries[index] = entry;
    config[plugin.list] = entries;
  }
  const file = join(checkout.dir, pluginConfigPath);
  const backupPath = `${file}${pluginConfigBackupSuffix}`;
  const updated = `${JSON.stringify(config, null, 2)}\n`;
  const changed = updated !== text;
  if (changed) {
    if (!existsSync(backupPath)) await copyFile(file, backupPath);
    await writeFile(file, updated);
  }
  return { changed, backupPath };
}
