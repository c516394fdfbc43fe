import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ViewerPlugin } from '../../viewer';

/** `npm run build` failed or did not produce the runtime bundles. */
export class RuntimeBundleBuildError extends Error {
  constructor(problem: string) {
    super(`${problem}. Fix what it printed above and run npm start again (npm run build runs the build alone).`);
    this.name = 'RuntimeBundleBuildError';
  }
}

/**
 * Our runtime bundles, as `assembleViewer` plugins named as the app-config knows them (`extension`, `mode`). Each
 * package's `exports["./runtime"]` is where its webpack build writes the bundle, so the path is read from there.
 */
export function runtimeBundles(repositoryRoot: string): ViewerPlugin[] {
  return ['extension', 'mode'].map(name => {
    const packageJson = JSON.parse(readFileSync(join(repositoryRoot, name, 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    return { name, file: join(repositoryRoot, name, packageJson.exports['./runtime'] as string) };
  });
}

/** The bundles not built yet. */
export function missingRuntimeBundles(repositoryRoot: string): ViewerPlugin[] {
  return runtimeBundles(repositoryRoot).filter(bundle => !existsSync(bundle.file));
}

/**
 * Runs `npm run build` when a runtime bundle is missing (a fresh clone), so that `npm start` alone is enough. Its
 * output goes to stderr: with `--json`, stdout carries only the ready line.
 * @throws RuntimeBundleBuildError when the build fails or leaves a bundle missing.
 */
export async function ensureRuntimeBundles(repositoryRoot: string, log: (line: string) => void): Promise<void> {
  const missing = missingRuntimeBundles(repositoryRoot);
  if (missing.length === 0) return;
  log(
    `building the viewer plugins (npm run build): ${missing.map(bundle => relative(repositoryRoot, bundle.file)).join(', ')} missing`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const build = spawn(npm, ['run', 'build'], {
      cwd: repositoryRoot,
      stdio: ['ignore', 2, 2],
      shell: process.platform === 'win32',
    });
    build.once('error', error => reject(new RuntimeBundleBuildError(`npm could not be run (${error.message})`)));
    build.once('exit', resolve);
  });
  if (exitCode !== 0) throw new RuntimeBundleBuildError(`npm run build failed (exit code ${exitCode})`);
  const stillMissing = missingRuntimeBundles(repositoryRoot);
  if (stillMissing.length > 0) {
    throw new RuntimeBundleBuildError(
      `npm run build did not write ${stillMissing.map(bundle => relative(repositoryRoot, bundle.file)).join(', ')}`,
    );
  }
}
