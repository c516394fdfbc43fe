import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import noCrossPackageImports from './tools/eslint/noCrossPackageImports.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'extension/runtime/**',
      'mode/runtime/**',
      '**/cdk.out/**',
      '.cache/**',
      '.data/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.jest } },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workspace packages use each other by name only: a relative path into another package's folder works inside
    // this repository but not where the package is installed or linked alone (an OHIF checkout, the Lambda).
    plugins: { local: { rules: { 'no-cross-package-imports': noCrossPackageImports } } },
    rules: { 'local/no-cross-package-imports': 'error' },
  },
  {
    // A package's build config is not shipped (see its `files`) and runs only in this repository, whose shared
    // build tool it uses.
    files: ['*/webpack.config.js'],
    rules: { 'local/no-cross-package-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Rules that need the type checker, which knows what returns a promise. A promise nobody awaits loses its
    // failure: an unhandled rejection ends a Node server for every client, and a test whose `expect(...).rejects`
    // is not awaited passes whatever happens. Handing a promise to a caller that ignores what it gets back (an
    // event listener, a request handler, a `void` callback) does the same. A promise that may float on purpose is
    // marked `void`, with a comment saying why nothing is lost; one that can reject handles the rejection.
    // Every TypeScript file, tests too: tsconfig.json includes them all (a new package folder goes into its
    // "include", or linting stops at its files), so one program serves the whole run. require-await stays off: the
    // async functions without an await implement promise-returning interfaces (oidc-provider's, oidc-client-ts's),
    // where `async` turns a throw into a rejection.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Prettier (`npm run format`) wraps code at 120 columns but leaves comments alone: they are wrapped by hand, to
    // the same width, and this checks them. Code lines are prettier's (`npm run format:check`), which lets a long
    // string or test name stay whole; a comment may run longer only for a URL. (Core's max-len, deprecated in favour
    // of @stylistic/max-len, is kept until ESLint 11 removes it.)
    rules: { 'max-len': ['error', { code: Number.MAX_SAFE_INTEGER, comments: 120, ignoreUrls: true }] },
  },
);
