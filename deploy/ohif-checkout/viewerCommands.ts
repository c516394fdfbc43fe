import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OhifCheckout } from './recogniseOhifCheckout';

/** Where the checkout's app-config goes, and the APP_CONFIG value that selects it (relative to platform/app/public). */
export const checkoutAppConfigFile = 'platform/app/public/config/healthimaging.js';
export const checkoutAppConfigSetting = 'config/healthimaging.js';

/** A command to run in the checkout, with the environment it needs. */
export interface ViewerCommand {
  /** Folder relative to the checkout root ('' for the root). */
  folder: string;
  env: Record<string, string>;
  command: string;
  args: string[];
}

export interface ViewerCommands {
  /** The dev server (http://localhost:3000 unless OHIF_PORT says otherwise). */
  dev: ViewerCommand;
  /** The production build into platform/app/dist. */
  build: ViewerCommand;
}

/**
 * The commands that start and build the checkout's viewer with our app-config, from the scripts the checkout
 * really has: OHIF 3.12's root `dev` / `build` (lerna, yarn), OHIF 3.13's platform/app `dev` / `build:viewer` (pnpm).
 * `buildScript` overrides the build script's name (3.13).
 */
export function viewerCommands(checkout: OhifCheckout, buildScript?: string): ViewerCommands {
  const env = { APP_CONFIG: checkoutAppConfigSetting };
  if (checkout.generation.packageManager === 'yarn') {
    const scripts = packageScripts(checkout.dir, '');
    const folder = 'dev' in scripts && 'build' in scripts ? '' : 'platform/app';
    return {
      // OHIF 3.12's dev server needs more heap than Node's default on a full checkout.
      dev: {
        folder,
        env: { ...env, NODE_OPTIONS: '--max_old_space_size=12000' },
        command: 'yarn',
        args: ['run', 'dev'],
      },
      build: { folder, env, command: 'yarn', args: ['run', buildScript ?? 'build'] },
    };
  }
  const scripts = packageScripts(checkout.dir, 'platform/app');
  const build = buildScript ?? ('build:viewer' in scripts ? 'build:viewer' : 'build');
  return {
    dev: { folder: 'platform/app', env, command: 'pnpm', args: ['run', 'dev'] },
    build: { folder: 'platform/app', env, command: 'pnpm', args: ['run', build] },
  };
}

/** The command as a person types it: `cd <checkout>[/folder] && APP_CONFIG=... yarn run dev`. */
export function formatViewerCommand(checkout: OhifCheckout, command: ViewerCommand): string {
  const folder = command.folder === '' ? checkout.dir : join(checkout.dir, command.folder);
  const env = Object.entries(command.env).map(([name, value]) => `${name}=${value}`);
  return `cd ${shellWord(folder)} && ${[...env, command.command, ...command.args].map(shellWord).join(' ')}`;
}

function packageScripts(checkoutDir: string, folder: string): Record<string, string> {
  try {
    return (
      (
        JSON.parse(readFileSync(join(checkoutDir, folder, 'package.json'), 'utf8')) as {
          scripts?: Record<string, string>;
        }
      ).scripts ?? {}
    );
  } catch {
    return {};
  }
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
