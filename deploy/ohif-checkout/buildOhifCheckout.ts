import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandRunner } from '../aws/scripts/runCommand';
import { OhifCheckoutError } from './OhifCheckoutError';
import type { OhifCheckout } from './recogniseOhifCheckout';
import { viewerCommands } from './viewerCommands';

/**
 * Builds a prepared checkout for production with the command `npm run ohif-checkout` prints (after
 * `pnpm install --frozen-lockfile` in a 3.13 checkout without node_modules; a 3.12 one was installed when it was
 * linked). Resolves with platform/app/dist. `buildScript` overrides the build script's name.
 */
export async function buildOhifCheckout(
  checkout: OhifCheckout,
  run: CommandRunner,
  buildScript?: string,
): Promise<string> {
  if (checkout.generation.packageManager === 'pnpm' && !existsSync(join(checkout.dir, 'node_modules'))) {
    await run('pnpm', ['install', '--frozen-lockfile'], { cwd: checkout.dir });
  }
  const { build } = viewerCommands(checkout, buildScript);
  await run(build.command, build.args, {
    cwd: join(checkout.dir, build.folder),
    env: { ...process.env, ...build.env },
  });
  const distDir = join(checkout.dir, 'platform', 'app', 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new OhifCheckoutError(checkout.dir, 'the build finished but platform/app/dist/index.html is missing');
  }
  return distDir;
}
