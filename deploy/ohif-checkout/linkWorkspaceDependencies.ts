import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OhifCheckoutError } from './OhifCheckoutError';
import type { OhifCheckout } from './recogniseOhifCheckout';
import type { WorkspaceDependency } from './workspaceDependencies';

/**
 * Links each of our packages the plugins import (the contract, ...) as `<checkout>/node_modules/<package>`, as
 * `yarn link` does for the plugins themselves. OHIF's webpack looks for packages only in absolute folders (its
 * own node_modules, and `<plugin>/node_modules` for a CLI-linked plugin), while npm workspaces keep ours in this
 * repository's root node_modules, which it never searches. The build follows the link to the real path and
 * compiles the TypeScript there, as it does our plugins'. Returns the packages linked now; a link already
 * pointing at the folder is left alone, one pointing elsewhere (an older clone) is replaced.
 * @throws OhifCheckoutError when the checkout has no node_modules yet, or holds a real folder of that name.
 */
export async function linkWorkspaceDependencies(
  checkout: OhifCheckout,
  dependencies: WorkspaceDependency[],
): Promise<string[]> {
  const modulesDir = join(checkout.dir, 'node_modules');
  if (dependencies.length > 0 && !existsSync(modulesDir)) {
    throw new OhifCheckoutError(
      checkout.dir,
      `has no node_modules: install its dependencies first (${checkout.generation.packageManager} install), then run this again`,
    );
  }
  const linked: string[] = [];
  for (const { packageName, dir } of dependencies) {
    const link = join(modulesDir, packageName);
    if (existsSync(link) && realpathSync(link) === realpathSync(dir)) continue;
    if (isPresent(link) && !lstatSync(link).isSymbolicLink()) {
      throw new OhifCheckoutError(
        checkout.dir,
        `node_modules/${packageName} is a folder, not a link to ${dir}: remove it and run this again`,
      );
    }
    await rm(link, { force: true });
    await mkdir(dirname(link), { recursive: true });
    await symlink(dir, link, 'dir');
    linked.push(packageName);
  }
  return linked;
}

/** True for anything at `path`, a dangling link included. */
function isPresent(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
