import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One of our two OHIF plugins as a checkout build takes it: its folder here and its package name (= extension id). */
export interface PluginPackage {
  kind: 'extension' | 'mode';
  /** pluginConfig.json's list for it. */
  list: 'extensions' | 'modes';
  packageName: string;
  /** Absolute path of the package folder in this repository. */
  dir: string;
}

/** Our extension and mode, read from their package.json files under `repoRoot`. */
export function pluginPackages(repoRoot: string): PluginPackage[] {
  return (['extension', 'mode'] as const).map(kind => {
    const dir = join(repoRoot, kind);
    const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string };
    return { kind, list: kind === 'extension' ? 'extensions' : 'modes', packageName: name, dir };
  });
}
