import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { recogniseOhifCheckout } from './recogniseOhifCheckout';
import { makeFixtureCheckout, type FixtureCheckout } from './testing/fixtureCheckout';
import { formatViewerCommand, viewerCommands } from './viewerCommands';

let fixture: FixtureCheckout;
afterEach(() => rm(fixture.workDir, { recursive: true, force: true }));

describe('viewerCommands', () => {
  it("uses OHIF 3.12's root dev and build scripts with yarn and our APP_CONFIG", async () => {
    fixture = await makeFixtureCheckout({
      version: '3.12.0-beta.113',
      packageManager: 'yarn',
      rootScripts: { dev: 'lerna run dev:viewer', build: 'lerna run build:viewer' },
    });
    const checkout = recogniseOhifCheckout(fixture.checkoutDir);
    const commands = viewerCommands(checkout);
    expect(formatViewerCommand(checkout, commands.dev)).toBe(
      `cd ${fixture.checkoutDir} && APP_CONFIG=config/healthimaging.js NODE_OPTIONS=--max_old_space_size=12000 yarn run dev`,
    );
    expect(formatViewerCommand(checkout, commands.build)).toBe(
      `cd ${fixture.checkoutDir} && APP_CONFIG=config/healthimaging.js yarn run build`,
    );
  });

  it("uses OHIF 3.13's platform/app scripts with pnpm, build:viewer when it has one, and quotes odd paths", async () => {
    fixture = await makeFixtureCheckout({
      version: '3.13.2',
      packageManager: 'pnpm',
      appScripts: { dev: 'rspack serve', 'build:viewer': 'rspack build' },
    });
    const checkout = recogniseOhifCheckout(fixture.checkoutDir);
    expect(formatViewerCommand(checkout, viewerCommands(checkout).build)).toBe(
      `cd ${join(fixture.checkoutDir, 'platform/app')} && APP_CONFIG=config/healthimaging.js pnpm run build:viewer`,
    );
    expect(formatViewerCommand({ ...checkout, dir: "/my viewers/it's" }, viewerCommands(checkout).dev)).toBe(
      `cd '/my viewers/it'\\''s/platform/app' && APP_CONFIG=config/healthimaging.js pnpm run dev`,
    );
  });
});
