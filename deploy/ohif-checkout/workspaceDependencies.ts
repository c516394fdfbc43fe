import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PluginPackage } from './pluginPackages';

/** One of this repository's own packages that our extension or mode depends on (the contract, ...). */
export interface WorkspaceDependency {
  packageName: string;
  /** Absolute path of the package folder in this repository. */
  dir: string;
}

interface Manifest {
  name: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * The workspace packages of `repoRoot` that the plugins depend on, directly or through each other, in the order
 * found. Only `dependencies` count: they are what the plugins' code imports at build time.
 */
export function workspaceDependencies(repoRoot: string, plugins: PluginPackage[]): WorkspaceDependency[] {
  const workspaces = new Map<string, string>();
  for (const folder of readManifest(repoRoot).workspaces ?? []) {
    const dir = join(repoRoot, folder);
    workspaces.set(readManifest(dir).name, dir);
  }
  const pluginNames = new Set(plugins.map(plugin => plugin.packageName));
  const found = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const name of Object.keys(readManifest(dir).dependencies ?? {})) {
      const dependencyDir = workspaces.get(name);
      if (dependencyDir === undefined || found.has(name) || pluginNames.has(name)) continue;
      found.set(name, dependencyDir);
      visit(dependencyDir);
    }
  };
  for (const plugin of plugins) visit(plugin.dir);
  return [...found].map(([packageName, dir]) => ({ packageName, dir }));
}
