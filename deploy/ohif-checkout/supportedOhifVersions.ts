/**
 * The OHIF generations an OHIF checkout can have our extension and mode added, each with the package manager and
 * the way its build finds plugins. The one place that says which OHIF versions this project supports in a
 * checkout; the packages' peer ranges are tested against it (packageMetadata.test.ts).
 */
export interface OhifGeneration {
  /** For messages: which OHIF this is and how our packages get in. */
  name: string;
  /** `@ohif/app` versions (platform/app/package.json), a semver range read with prereleases included. */
  versions: string;
  /** The checkout's package manager. */
  packageManager: 'yarn' | 'pnpm';
  /**
   * `cli-link`: OHIF's CLI (`yarn run cli link-extension` / `link-mode`) links the folders and lists them in
   * pluginConfig.json. `plugin-config-directory`: a pluginConfig.json entry `{ packageName, directory }` whose
   * `directory` is the package root the build aliases the package name to.
   */
  linking: 'cli-link' | 'plugin-config-directory';
  /** Versions tried by hand (extension/README.md), and the earliest and latest of each line the range must admit. */
  examples: string[];
}

export const supportedOhifGenerations: readonly OhifGeneration[] = [
  {
    // OHIF moved to pnpm during the 3.13 betas: 3.13.0-beta.43 still has yarn.lock, webpack and the CLI.
    name: 'OHIF 3.12 (and early 3.13 betas) with yarn 1 (OHIF CLI link)',
    versions: '>=3.12.0-beta.0 <3.14.0-0',
    packageManager: 'yarn',
    linking: 'cli-link',
    examples: ['3.12.0-beta.0', '3.12.0-beta.113', '3.12.0', '3.12.10', '3.12.18', '3.13.0-beta.43'],
  },
  {
    name: 'OHIF 3.13 with pnpm (pluginConfig.json directory entries)',
    versions: '>=3.13.0-beta.0 <3.14.0-0',
    packageManager: 'pnpm',
    linking: 'plugin-config-directory',
    examples: ['3.13.0-beta.0', '3.13.0-beta.24', '3.13.0', '3.13.2', '3.13.13'],
  },
];
