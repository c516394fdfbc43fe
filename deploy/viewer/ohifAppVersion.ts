import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OhifAppVersionError } from './errors';
import { repoRoot } from './repoRoot';

const exactVersion = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * The `@ohif/app` version the viewer is built from. It is pinned in exactly one place, the root package.json:
 * `"ohif": {"appVersion": "x.y.z"}`. It must be an exact version (no range): the prebuilt bundle's file names,
 * inline-script hashes and the tarball's integrity all depend on it.
 */
export function ohifAppVersion(root: string = repoRoot()): string {
  const packageJsonPath = join(root, 'package.json');
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { ohif?: { appVersion?: unknown } };
  const version = packageJson.ohif?.appVersion;
  if (version === undefined) {
    throw new OhifAppVersionError(
      packageJsonPath,
      'is missing: add "ohif": {"appVersion": "<exact @ohif/app version>"}',
    );
  }
  if (typeof version !== 'string' || !exactVersion.test(version)) {
    throw new OhifAppVersionError(
      packageJsonPath,
      `must be an exact version such as 3.13.2, got ${JSON.stringify(version)}`,
    );
  }
  return version;
}

/** Names another `@ohif/app` for a test run or `npm start`, e.g. the next OHIF's beta; the pin stays for users. */
export const ohifAppVersionVariable = 'OHIF_APP_VERSION';

/**
 * The `@ohif/app` version the local stack runs: `OHIF_APP_VERSION` when set (an exact version, e.g.
 * `3.14.0-beta.6`, to try the next OHIF before it ships), else the pinned one. Deploys always use the pin.
 */
export function selectedOhifAppVersion(
  environment: NodeJS.ProcessEnv = process.env,
  root: string = repoRoot(),
): string {
  const selected = environment[ohifAppVersionVariable];
  if (selected === undefined || selected === '') return ohifAppVersion(root);
  if (!exactVersion.test(selected)) {
    throw new OhifAppVersionError(
      ohifAppVersionVariable,
      `must be an exact @ohif/app version such as 3.14.0-beta.6, got ${JSON.stringify(selected)}`,
    );
  }
  return selected;
}
