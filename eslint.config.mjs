import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import noCrossPackageImports from './tools/eslint/noCrossPackageImports.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'extension/runtime/**', 'mode/runtime/**', '**/cdk.out/**', '.cache/**', '.data/**', 'coverage/**'] },
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
);
