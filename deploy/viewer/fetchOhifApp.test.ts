import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhifAppFetchError, OhifAppIntegrityError } from './errors';
import { fetchOhifApp, ohifAppVersion } from './fetchOhifApp';

const quiet = () => undefined;

describe('fetchOhifApp', () => {
  // The real thing: `npm pack` from the registry (npm's own cache makes later runs quick) into a cache folder
  // the test creates, so the repository's .cache, whatever state it is in, plays no part.
  it('returns the prebuilt viewer, then serves it from the cache without npm', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'fetch-ohif-cache-'));
    try {
      const dist = await fetchOhifApp({ cacheDir, log: quiet });
      expect(dist).toBe(join(cacheDir, ohifAppVersion(), 'dist'));
      expect(existsSync(join(dist, 'index.html'))).toBe(true);
      expect(existsSync(join(dist, 'app-config.js'))).toBe(true);
      // Only package/dist was unpacked, and the work folder is gone: no package.json or README beside it.
      expect(readdirSync(join(dist, '..')).sort()).toEqual(['.complete', 'dist']);

      const again = await fetchOhifApp({ cacheDir, log: quiet, npmCommand: join(tmpdir(), 'no-such-npm') });
      expect(again).toBe(dist);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 300_000);

  describe('when npm fails', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'fetch-ohif-'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ ohif: { appVersion: ohifAppVersion() } }));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** A stand-in npm: a shell script behaving like npm does in the failure under test. */
    function fakeNpm(script: string): string {
      const file = join(dir, 'npm');
      writeFileSync(file, `#!/bin/sh\n${script}\n`);
      chmodSync(file, 0o755);
      return file;
    }

    it('says when npm is not installed', async () => {
      await expect(fetchOhifApp({ repoRoot: dir, npmCommand: join(dir, 'missing-npm'), log: quiet })).rejects.toThrow(
        /Could not look up @ohif\/app@.*: ".*missing-npm" was not found\. Install Node\.js with npm, or pass npmCommand\./,
      );
    });

    it("says when the registry cannot be reached, with npm's own diagnosis", async () => {
      const npm = fakeNpm('echo "npm error code ENOTFOUND" >&2\necho "npm error network request failed" >&2\nexit 1');
      const error = await fetchOhifApp({ repoRoot: dir, npmCommand: npm, log: quiet }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OhifAppFetchError);
      expect((error as Error).message).toMatch(/The npm registry could not be reached: check the network connection/);
      expect((error as Error).message).toContain('npm error network request failed');
    });

    it('says when the version does not exist', async () => {
      const npm = fakeNpm('echo "npm error code E404" >&2\nexit 1');
      await expect(fetchOhifApp({ repoRoot: dir, npmCommand: npm, log: quiet })).rejects.toThrow(
        'The registry does not have it: check ohif.appVersion in the root package.json.',
      );
    });

    it('removes the work folders of fetches whose process is gone, not those of running ones', async () => {
      const versionDir = join(dir, 'cache', ohifAppVersion());
      const deadPid = spawnSync(process.execPath, ['-e', '']).pid as number;
      for (const name of [`.fetch-${deadPid}-abc`, '.fetch-Xy12Zq', `.fetch-${process.pid}-def`])
        mkdirSync(join(versionDir, name, 'package'), { recursive: true });
      const npm = fakeNpm('echo "npm error code E404" >&2\nexit 1');
      await expect(
        fetchOhifApp({ repoRoot: dir, cacheDir: join(dir, 'cache'), npmCommand: npm, log: quiet }),
      ).rejects.toBeInstanceOf(OhifAppFetchError);
      expect(readdirSync(versionDir)).toEqual([`.fetch-${process.pid}-def`]);
    });

    it('removes its work folder when stopped with Ctrl-C during the download', async () => {
      // `pack` hangs the way a slow download does; the fetch runs in a child process that gets SIGINT.
      const npm = fakeNpm(
        `if [ "$1" = view ]; then echo '"sha512-${'A'.repeat(86)}=="'; exit 0; fi\necho partial > "$4/part.tgz"\nsleep 10`,
      );
      const cacheDir = join(dir, 'cache');
      const script = `require('./fetchOhifApp').fetchOhifApp(${JSON.stringify({ repoRoot: dir, cacheDir, npmCommand: npm })})`;
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: __dirname, stdio: 'ignore' });
      const versionDir = join(cacheDir, ohifAppVersion());
      const workDirs = () =>
        existsSync(versionDir) ? readdirSync(versionDir).filter(name => name.startsWith('.fetch-')) : [];
      for (
        let waited = 0;
        !(workDirs().length === 1 && existsSync(join(versionDir, workDirs()[0] as string, 'part.tgz')));
        waited += 50
      ) {
        if (waited > 60_000) throw new Error('the fetch never started its download');
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      const exited = new Promise<NodeJS.Signals | null>(resolve =>
        child.on('exit', (_code, signal) => resolve(signal)),
      );
      child.kill('SIGINT');
      expect(await exited).toBe('SIGINT');
      expect(workDirs()).toEqual([]);
    }, 90_000);

    it("refuses a tarball whose hash differs from the registry's, and keeps nothing", async () => {
      // `view` answers an integrity that the tarball written by `pack` cannot match.
      const npm = fakeNpm(
        `if [ "$1" = view ]; then echo '"sha512-${'A'.repeat(86)}=="'; exit 0; fi\n` +
          'echo not-a-tarball > "$4/ohif-app-0.0.0.tgz"',
      );
      const cacheDir = join(dir, 'cache');
      await expect(fetchOhifApp({ repoRoot: dir, cacheDir, npmCommand: npm, log: quiet })).rejects.toBeInstanceOf(
        OhifAppIntegrityError,
      );
      expect(readdirSync(join(cacheDir, ohifAppVersion()))).toEqual([]);
    });
  });
});
