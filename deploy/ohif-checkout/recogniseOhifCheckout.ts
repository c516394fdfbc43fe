import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { OhifCheckoutError } from './OhifCheckoutError';
import { supportedOhifGenerations, type OhifGeneration } from './supportedOhifVersions';

/** An OHIF Viewers checkout this project can add its extension and mode to. */
export interface OhifCheckout {
  /** The repository root (holds platform/app). */
  dir: string;
  /** `@ohif/app`'s version, from platform/app/package.json. */
  version: string;
  generation: OhifGeneration;
}

/** Files each way of linking reads or edits; a checkout without them is not one we know. */
const requiredFiles: Record<OhifGeneration['linking'], string[]> = {
  'cli-link': ['platform/app/pluginConfig.json', 'platform/app/.webpack/webpack.pwa.js', 'platform/cli/src/index.js'],
  'plugin-config-directory': ['platform/app/pluginConfig.json'],
};

/**
 * Recognises the checkout's OHIF version (platform/app/package.json) and package manager (its lockfile), and
 * picks the supported generation they match. Throws OhifCheckoutError saying what was found and what is supported.
 */
export function recogniseOhifCheckout(dir: string): OhifCheckout {
  const appPackageFile = join(dir, 'platform', 'app', 'package.json');
  if (!existsSync(appPackageFile)) {
    throw new OhifCheckoutError(
      dir,
      `has no platform/app/package.json: give the root of an OHIF Viewers checkout (${supportedList()})`,
    );
  }
  let appPackage: { name?: unknown; version?: unknown };
  try {
    appPackage = JSON.parse(readFileSync(appPackageFile, 'utf8')) as typeof appPackage;
  } catch (error) {
    throw new OhifCheckoutError(dir, `platform/app/package.json is not valid JSON (${(error as Error).message})`);
  }
  const version = typeof appPackage.version === 'string' ? semver.valid(appPackage.version) : null;
  if (appPackage.name !== '@ohif/app' || version === null) {
    throw new OhifCheckoutError(
      dir,
      `platform/app/package.json is ${JSON.stringify(appPackage.name ?? null)} version ${JSON.stringify(appPackage.version ?? null)}, ` +
        `not @ohif/app with a version: give the root of an OHIF Viewers checkout (${supportedList()})`,
    );
  }
  const packageManager = detectPackageManager(dir);
  const sameVersion = supportedOhifGenerations.filter(generation =>
    semver.satisfies(version, generation.versions, { includePrerelease: true }),
  );
  const generation = sameVersion.find(candidate => candidate.packageManager === packageManager);
  if (!generation) {
    const found = `found @ohif/app ${version} with ${packageManager ?? 'no lockfile (yarn.lock or pnpm-lock.yaml)'}`;
    throw new OhifCheckoutError(dir, `${found}; supported: ${supportedList()}`);
  }
  const missing = requiredFiles[generation.linking].filter(file => !existsSync(join(dir, file)));
  if (missing.length > 0) {
    throw new OhifCheckoutError(
      dir,
      `looks like ${generation.name} (@ohif/app ${version}) but has no ${missing.join(', ')}; is the checkout complete?`,
    );
  }
  return { dir, version, generation };
}

function detectPackageManager(dir: string): OhifGeneration['packageManager'] | undefined {
  if (existsSync(join(dir, 'pnpm-lock.yaml')) || existsSync(join(dir, 'pnpm-workspace.yaml'))) return 'pnpm';
  if (existsSync(join(dir, 'yarn.lock'))) return 'yarn';
  return undefined;
}

function supportedList(): string {
  return supportedOhifGenerations.map(generation => `${generation.name}: @ohif/app ${generation.versions}`).join('; ');
}
