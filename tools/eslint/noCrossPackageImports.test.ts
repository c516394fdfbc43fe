import { RuleTester } from 'eslint';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is CommonJS, as eslint.config.mjs loads it
const rule = require('./noCrossPackageImports');

const root = join(__dirname, '../..');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });
const crossPackage = [{ messageId: 'crossPackage' }];

tester.run('no-cross-package-imports', rule, {
  valid: [
    { filename: join(root, 'deploy/bench/viewerConfigs.ts'), code: "import { run } from '../local/stack';" },
    { filename: join(root, 'deploy/local/dicomweb/wado.ts'), code: "import { x } from '../../aws/scripts/errors';" },
    { filename: join(root, 'extension/src/id.ts'), code: "import packageJson from '../package.json';" },
    {
      filename: join(root, 'extension/src/http/x.ts'),
      code: "import { a } from 'ohif-healthimaging-contract'; const b = require('./b');",
    },
    { filename: join(root, 'tools/x.test.ts'), code: "import { b } from './webpackRuntimeBundle';" },
  ],
  invalid: [
    {
      filename: join(root, 'deploy/bench/viewerConfigs.ts'),
      code: "import { id } from '../../mode/src/id';",
      errors: crossPackage,
    },
    {
      filename: join(root, 'deploy/local/stack/x.ts'),
      code: "export { a } from '../../../authorizer/src';",
      errors: crossPackage,
    },
    {
      filename: join(root, 'extension/src/auth/testing/x.ts'),
      code: "const t = require('../../../../deploy/local/oidc/testing');",
      errors: crossPackage,
    },
    {
      filename: join(root, 'extension/src/auth/x.test.ts'),
      code: "jest.mock('../../../deploy/local/oidc/testing');",
      errors: crossPackage,
    },
    {
      filename: join(root, 'platform-config/src/x.ts'),
      code: "const m = import('../../extension/src/id');",
      errors: crossPackage,
    },
    {
      filename: join(root, 'tools/x.test.ts'),
      code: "import { id } from '../extension/src/id';",
      errors: crossPackage,
    },
  ],
});
