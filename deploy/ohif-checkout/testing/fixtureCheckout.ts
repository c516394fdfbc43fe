import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A folder with the files of an OHIF Viewers checkout that `npm run ohif-checkout` reads or edits (CI cannot
 * fetch a real one): platform/app/package.json, pluginConfig.json, the lockfile, and for 3.12 webpack.pwa.js
 * (its `resolve.modules` as OHIF 3.12.0-beta.113 has it) and the CLI's entry. Plus our repository's manifests:
 * the root's workspaces, the extension, the mode, and the contract package the extension depends on.
 */
export interface FixtureCheckout {
  workDir: string;
  checkoutDir: string;
  repoRoot: string;
}

export const stockPluginConfig = {
  extensions: [{ packageName: '@ohif/extension-default', default: false, version: '3.12.0-beta.113' }],
  modes: [{ packageName: '@ohif/mode-longitudinal', version: '3.12.0-beta.113' }],
  public: [{ directory: './platform/public' }],
};

export const stockWebpackPwa = `const path = require('path');
module.exports = (env, argv) => ({
    resolve: {
      modules: [
        // Modules specific to this package
        path.resolve(__dirname, '../node_modules'),
        // Hoisted Yarn Workspace Modules
        path.resolve(__dirname, '../../../node_modules'),
        SRC_DIR,
      ],
    },
});
`;

export async function makeFixtureCheckout(options: {
  version: string;
  packageManager: 'yarn' | 'pnpm' | 'none';
  rootScripts?: Record<string, string>;
  appScripts?: Record<string, string>;
}): Promise<FixtureCheckout> {
  const workDir = await mkdtemp(join(tmpdir(), 'ohif-checkout-'));
  const checkoutDir = join(workDir, 'Viewers');
  const repoRoot = join(workDir, 'ohif-aws-healthimaging');
  const write = async (path: string, text: string) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  };
  await write(
    join(checkoutDir, 'package.json'),
    JSON.stringify({ name: 'ohif-monorepo-root', private: true, scripts: options.rootScripts ?? {} }),
  );
  await write(
    join(checkoutDir, 'platform/app/package.json'),
    JSON.stringify({ name: '@ohif/app', version: options.version, scripts: options.appScripts ?? {} }),
  );
  await write(join(checkoutDir, 'platform/app/pluginConfig.json'), `${JSON.stringify(stockPluginConfig, null, 2)}\n`);
  if (options.packageManager === 'yarn') {
    await write(join(checkoutDir, 'yarn.lock'), '# yarn lockfile v1\n');
    await write(join(checkoutDir, 'platform/app/.webpack/webpack.pwa.js'), stockWebpackPwa);
    await write(join(checkoutDir, 'platform/cli/src/index.js'), '// OHIF CLI entry (fixture)\n');
  }
  if (options.packageManager === 'pnpm') {
    await write(join(checkoutDir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    await write(join(checkoutDir, 'pnpm-workspace.yaml'), 'packages:\n  - platform/*\n');
  }
  // A pnpm checkout is used installed (`pnpm install` is the user's step); a yarn one is installed by the command.
  if (options.packageManager === 'pnpm') await mkdir(join(checkoutDir, 'node_modules'), { recursive: true });
  // Our repository as its workspaces link it: the extension imports the contract, which the checkout cannot find.
  await write(
    join(repoRoot, 'package.json'),
    JSON.stringify({
      name: 'ohif-aws-healthimaging-oidc',
      private: true,
      workspaces: ['contract', 'extension', 'mode'],
    }),
  );
  for (const [folder, name, keyword, dependencies] of [
    ['contract', 'ohif-healthimaging-contract', 'aws-healthimaging', {}],
    ['extension', 'ohif-extension-aws-healthimaging', 'ohif-extension', { 'ohif-healthimaging-contract': '0.1.0' }],
    ['mode', 'ohif-mode-aws-healthimaging', 'ohif-mode', {}],
  ] as const) {
    await write(
      join(repoRoot, folder, 'package.json'),
      JSON.stringify({ name, version: '0.1.0', keywords: [keyword], dependencies }),
    );
  }
  return { workDir, checkoutDir, repoRoot };
}
