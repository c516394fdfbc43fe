import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OhifAppFetchError, OhifAppIntegrityError } from './errors';
import { ohifAppVersion } from './ohifAppVersion';
import { repoRoot } from './repoRoot';
import { verifyIntegrity } from './verifyIntegrity';

export { ohifAppVersion };

/** Where and how the prebuilt OHIF viewer is fetched. Every field has a default. */
export interface FetchOhifAppOptions {
  /** The repository root: holds the package.json that pins the version. Default: found above this file. */
  repoRoot?: string;
  /**
   * Cache folder; the viewer lands in `<cacheDir>/<version>/dist`.
   * Default `<repoRoot>/.cache/ohif-app` (gitignored).
   */
  cacheDir?: string;
  /** The npm executable. Default `npm` (`npm.cmd` on Windows). */
  npmCommand?: string;
  /**
   * The `@ohif/app` version.
   * Default: the one pinned in the root package.json (`selectedOhifAppVersion` for another).
   */
  version?: string;
  /** Progress lines (the first fetch downloads about 50 MB). Default `console.info`. */
  log?: (line: string) => void;
}

const packageName = '@ohif/app';
const completeMarker = '.complete';
/** Work folders are `<version>/.fetch-<pid>-<random>`. */
const workDirPrefix = '.fetch-';

/**
 * Returns the folder of the prebuilt OHIF viewer (`@ohif/app`'s `dist/`) at the version pinned in the root
 * package.json, fetching it on first use. `npm install @ohif/app` cannot be used (one of its dependencies is
 * not on the registry), so the tarball is fetched with `npm pack`, checked against the registry's
 * `dist.integrity`, and only `package/dist/` is unpacked. Later calls return the cached folder without running npm.
 */
export async function fetchOhifApp(options: FetchOhifAppOptions = {}): Promise<string> {
  const root = options.repoRoot ?? repoRoot();
  const version = options.version ?? ohifAppVersion(root);
  const versionDir = join(options.cacheDir ?? join(root, '.cache', 'ohif-app'), version);
  const distDir = join(versionDir, 'dist');
  await removeStaleWorkDirs(versionDir);
  if (existsSync(join(versionDir, completeMarker)) && existsSync(join(distDir, 'index.html'))) {
    return distDir;
  }
  const npm = options.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  const log = options.log ?? console.info;
  const spec = `${packageName}@${version}`;
  await mkdir(versionDir, { recursive: true });

  const integrity = await registryIntegrity(npm, spec, root);
  log(`Fetching the prebuilt OHIF viewer ${spec} (about 50 MB, once)...`);
  // Each step works in its own temporary folder and renames into place, so two processes fetching at the
  // same time, or an interrupted fetch, never leave a half-written tarball or dist behind. The folder is
  // removed on Ctrl-C too; if the process is killed outright, the next fetch removes it (its name holds the pid).
  const workDir = await mkdtemp(join(versionDir, `${workDirPrefix}${process.pid}-`));
  const stopRemovingOnSignal = removeOnSignal(workDir);
  try {
    const tarball = await npmPack(npm, spec, workDir, root);
    try {
      await verifyIntegrity(tarball, integrity);
    } catch (error) {
      if (error instanceof OhifAppIntegrityError) await rm(tarball, { force: true });
      throw error;
    }
    await untarDist(tarball, workDir);
    await moveIntoPlace(join(workDir, 'package', 'dist'), distDir);
    await writeFile(join(versionDir, completeMarker), `${spec} ${integrity}\n`);
  } finally {
    stopRemovingOnSignal();
    await rm(workDir, { recursive: true, force: true });
  }
  log(`OHIF viewer ${spec} cached.`);
  return distDir;
}

/**
 * Removes the work folders of fetches whose process is gone (killed, or stopped before this version cleaned up
 * after itself); a folder of a fetch still running, here or in another process, is left alone.
 */
async function removeStaleWorkDirs(versionDir: string): Promise<void> {
  const names = await readdir(versionDir).catch(() => [] as string[]);
  for (const name of names.filter(entry => entry.startsWith(workDirPrefix))) {
    const pid = Number(/^\.fetch-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || !isRunning(pid)) await rm(join(versionDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Until the returned function is called, Ctrl-C (or SIGTERM, SIGHUP) removes `dir` before the process stops.
 * When nothing else listens for the signal, it is raised again so the process still ends as it would have.
 */
function removeOnSignal(dir: string): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    rmSync(dir, { recursive: true, force: true });
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stop = () => {
    for (const signal of interruptSignals) process.off(signal, onSignal);
  };
  for (const signal of interruptSignals) process.on(signal, onSignal);
  return stop;
}

/**
 * Renames the verified dist into place. If another process got there first, its dist is kept: it, too, arrived
 * by one atomic rename of a verified extraction, and it may already be in use.
 */
async function moveIntoPlace(extracted: string, distDir: string): Promise<void> {
  try {
    await rename(extracted, distDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}

async function registryIntegrity(npm: string, spec: string, cwd: string): Promise<string> {
  const output = (await runNpm(npm, ['view', spec, 'dist.integrity', '--json'], cwd, `look up ${spec}`)).trim();
  const integrity: unknown = output === '' ? undefined : JSON.parse(output);
  if (typeof integrity !== 'string' || integrity === '') {
    throw new OhifAppFetchError(
      `The npm registry has no ${spec} (npm view printed no dist.integrity): check ohif.appVersion in the root package.json.`,
    );
  }
  return integrity;
}

async function npmPack(npm: string, spec: string, destination: string, cwd: string): Promise<string> {
  await runNpm(npm, ['pack', spec, '--pack-destination', destination, '--silent'], cwd, `download ${spec}`);
  const tarballs = (await readdir(destination)).filter(name => name.endsWith('.tgz'));
  if (tarballs.length !== 1 || tarballs[0] === undefined) {
    throw new OhifAppFetchError(`npm pack ${spec} succeeded but left ${tarballs.length} tarballs in ${destination}`);
  }
  return join(destination, tarballs[0]);
}

function untarDist(tarball: string, destination: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('tar', ['-xzf', tarball, '-C', destination, 'package/dist'], (error, _stdout, stderr) => {
      if (!error) return resolve();
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'tar is not installed' : stderr.trim() || error.message;
      reject(new OhifAppFetchError(`Could not unpack package/dist from ${tarball}: ${reason}`));
    });
  });
}

const networkErrorCodes =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT)\b/;

function runNpm(npm: string, args: string[], cwd: string, purpose: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(npm, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new OhifAppFetchError(
            `Could not ${purpose}: "${npm}" was not found. Install Node.js with npm, or pass npmCommand.`,
          ),
        );
      }
      // npm prints its own diagnosis on lines starting with "npm error" (npm ≥ 9) or "npm ERR!".
      const diagnosis = stderr
        .split('\n')
        .filter(line => /^npm (error|ERR!)/.test(line))
        .slice(0, 6)
        .join('\n');
      const hint = networkErrorCodes.test(stderr)
        ? 'The npm registry could not be reached: check the network connection, a proxy, or the registry setting in .npmrc.'
        : /\bE404\b/.test(stderr)
          ? 'The registry does not have it: check ohif.appVersion in the root package.json.'
          : `npm ${args[0]} exited with code ${String(error.code)}.`;
      reject(new OhifAppFetchError(`Could not ${purpose}. ${hint}${diagnosis ? `\n${diagnosis}` : ''}`));
    });
  });
}
