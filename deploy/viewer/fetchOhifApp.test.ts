import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OhifAppFetchError, OhifAppIntegrityError } from './errors';
import { fetchOhifApp, ohifAppVersion } from './fetchOhifApp';

const quiet = () => undefined;

describe('fetchOhifApp', () => {
  // The real thing: `npm pack` from the registry into the repository's .cache (slow once, then cached).
  it('returns the prebuilt viewer, then serves it from the cache without npm', async () => {
    const dist = await fetchOhifApp({ log: quiet });
    expect(dist).toMatch(new RegExp(`[\\\\/]\\.cache[\\\\/]ohif-app[\\\\/]${ohifAppVersion().replace(/\./g, '\\.')}[\\\\/]dist$`));
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    expect(existsSync(join(dist, 'app-config.js'))).toBe(true);
    // Only package/dist was unpacked: no package.json or README beside it.
    expect(readdirSync(join(dist, '..')).sort()).toEqual(['.complete', 'dist']);

    const again = await fetchOhifApp({ log: quiet, npmCommand: join(tmpdir(), 'no-such-npm') });
    expect(again).toBe(dist);
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

    it('says when the registry cannot be reached, with npm\'s own diagnosis', async () => {
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

    it('refuses a tarball whose hash differs from the registry\'s, and keeps nothing', async () => {
      // `view` answers an integrity that the tarball written by `pack` cannot match.
      const npm = fakeNpm(
        `if [ "$1" = view ]; then echo '"sha512-${'A'.repeat(86)}=="'; exit 0; fi\n` +
          'echo not-a-tarball > "$4/ohif-app-0.0.0.tgz"',
      );
      const cacheDir = join(dir, 'cache');
      await expect(fetchOhifApp({ repoRoot: dir, cacheDir, npmCommand: npm, log: quiet })).rejects.toBeInstanceOf(OhifAppIntegrityError);
      expect(readdirSync(join(cacheDir, ohifAppVersion()))).toEqual([]);
    });
  });
});
