import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above `start` whose package.json pins the OHIF version
 * (`"ohif": {"appVersion": ...}`). Found by walking up, so it works from sources, tests and bundles alike.
 */
export function repoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const packageJson = join(dir, 'package.json');
    if (existsSync(packageJson) && 'ohif' in (JSON.parse(readFileSync(packageJson, 'utf8')) as object)) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`No package.json with an "ohif" key above ${start}: run this from the repository.`);
    }
  }
}
