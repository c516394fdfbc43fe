import { rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OhifCheckoutError } from './OhifCheckoutError';
import { recogniseOhifCheckout } from './recogniseOhifCheckout';
import { makeFixtureCheckout, type FixtureCheckout } from './testing/fixtureCheckout';

let fixture: FixtureCheckout | undefined;
afterEach(async () => {
  if (fixture) await rm(fixture.workDir, { recursive: true, force: true });
  fixture = undefined;
});

const checkout = async (version: string, packageManager: 'yarn' | 'pnpm' | 'none') => {
  fixture = await makeFixtureCheckout({ version, packageManager });
  return fixture.checkoutDir;
};

describe('recogniseOhifCheckout', () => {
  it.each([
    ['3.12.0-beta.113', 'yarn', 'cli-link'],
    ['3.12.10', 'yarn', 'cli-link'],
    ['3.13.0-beta.43', 'yarn', 'cli-link'],
    ['3.13.0-beta.24', 'pnpm', 'plugin-config-directory'],
    ['3.13.2', 'pnpm', 'plugin-config-directory'],
  ] as const)('takes @ohif/app %s with %s and links it by %s', async (version, packageManager, linking) => {
    const dir = await checkout(version, packageManager);
    const recognised = recogniseOhifCheckout(dir);
    expect(recognised).toMatchObject({ dir, version });
    expect(recognised.generation).toMatchObject({ packageManager, linking });
  });

  it.each([
    [
      '3.11.0',
      'yarn',
      'found @ohif/app 3.11.0 with yarn; supported: OHIF 3.12 (and early 3.13 betas) with yarn 1 (OHIF CLI link): @ohif/app >=3.12.0-beta.0 <3.14.0-0; OHIF 3.13 with pnpm',
    ],
    ['3.14.0-beta.6', 'pnpm', 'found @ohif/app 3.14.0-beta.6 with pnpm; supported:'],
    ['3.12.0', 'pnpm', 'found @ohif/app 3.12.0 with pnpm; supported:'],
    ['3.13.2', 'none', 'found @ohif/app 3.13.2 with no lockfile (yarn.lock or pnpm-lock.yaml); supported:'],
  ] as const)(
    'refuses @ohif/app %s with %s, saying what it found and what it supports',
    async (version, packageManager, message) => {
      const dir = await checkout(version, packageManager);
      expect(() => recogniseOhifCheckout(dir)).toThrow(OhifCheckoutError);
      expect(() => recogniseOhifCheckout(dir)).toThrow(`OHIF checkout ${dir}: ${message}`);
    },
  );

  it('refuses a folder that is not an OHIF checkout, and one whose app is not @ohif/app', async () => {
    const dir = await checkout('3.13.2', 'pnpm');
    expect(() => recogniseOhifCheckout(join(dir, 'platform'))).toThrow(
      'has no platform/app/package.json: give the root of an OHIF Viewers checkout',
    );
    await writeFile(join(dir, 'platform/app/package.json'), JSON.stringify({ name: 'my-app', version: '1.0.0' }));
    expect(() => recogniseOhifCheckout(dir)).toThrow(
      'platform/app/package.json is "my-app" version "1.0.0", not @ohif/app with a version',
    );
    await writeFile(join(dir, 'platform/app/package.json'), '{ broken');
    expect(() => recogniseOhifCheckout(dir)).toThrow('platform/app/package.json is not valid JSON');
  });

  it("refuses a 3.12 checkout without the files OHIF's CLI link edits", async () => {
    const dir = await checkout('3.12.0-beta.113', 'yarn');
    await unlink(join(dir, 'platform/cli/src/index.js'));
    expect(() => recogniseOhifCheckout(dir)).toThrow(
      'looks like OHIF 3.12 (and early 3.13 betas) with yarn 1 (OHIF CLI link) (@ohif/app 3.12.0-beta.113) but has no platform/cli/src/index.js',
    );
  });
});
