import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { missingRuntimeBundles, runtimeBundles } from './runtimeBundles';

describe('runtimeBundles', () => {
  it("are the extension's and the mode's webpack outputs", () => {
    const root = resolve(__dirname, '../../..');
    expect(runtimeBundles(root)).toEqual([
      { name: 'extension', file: join(root, 'extension/runtime/ohif-extension-aws-healthimaging.js') },
      { name: 'mode', file: join(root, 'mode/runtime/ohif-mode-aws-healthimaging.js') },
    ]);
  });

  it('lists the ones not built yet', async () => {
    const root = await mkdtemp(join(tmpdir(), 'runtime-bundles-'));
    try {
      for (const name of ['extension', 'mode']) {
        await mkdir(join(root, name, 'runtime'), { recursive: true });
        await writeFile(
          join(root, name, 'package.json'),
          JSON.stringify({ exports: { './runtime': `./runtime/${name}.js` } }),
        );
      }
      await writeFile(join(root, 'mode/runtime/mode.js'), 'export default {};');
      expect(missingRuntimeBundles(root)).toEqual([
        { name: 'extension', file: join(root, 'extension/runtime/extension.js') },
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
