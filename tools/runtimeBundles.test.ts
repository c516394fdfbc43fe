import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Reads the ES module bundles `npm run build` wrote (the test command builds before it runs these tests): what
// the prebuilt OHIF viewer imports at run time from the URLs in its app-config.
const root = join(__dirname, '..');
const bundles = {
  extension: join(root, 'extension/runtime/ohif-extension-aws-healthimaging.js'),
  mode: join(root, 'mode/runtime/ohif-mode-aws-healthimaging.js'),
};

/** Imports a bundle in a fresh Node process, as a browser would: an ES module whose default export OHIF uses. */
function describeDefaultExport(file: string): {
  exports: string[];
  id: unknown;
  keys: string[];
  dataSources?: unknown;
} {
  const script = `const m = await import(${JSON.stringify(`file://${file}`)});
    const d = m.default;
    console.log(JSON.stringify({ exports: Object.keys(m), id: d.id, keys: Object.keys(d),
      dataSources: d.getDataSourcesModule?.().map(({ name, type }) => ({ name, type })) }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
}

// Strings each of the host's singletons carries in its own code: a copy of one in our bundle would be a second,
// broken instance (a second React: invalid hook calls; a second @ohif/core: its own DicomMetadataStore).
const hostLibraryMarkers: Array<[string, RegExp]> = [
  ['React', /__SECRET_INTERNALS|react\.(production|development)|ReactCurrentOwner|react\.element/],
  // (Names such as '@ohif/mode-basic' appear as strings: OHIF resolves them; the code of @ohif/core does not.)
  ['@ohif/core', /DicomMetadataStore|ServicesManager|class ExtensionManager/],
  ['cornerstone', /@cornerstonejs|imageLoadPoolManager\s*=|RenderingEngine/],
  ['dicomweb-client', /DICOMwebClient|dicomweb-client/],
  ['dcmjs', /DicomMetaDictionary|dcmjs/],
];

describe('the runtime bundles', () => {
  it.each(Object.entries(bundles))('%s contains none of the libraries the OHIF host owns', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    for (const [library, marker] of hostLibraryMarkers) {
      expect({ library, found: marker.exec(source)?.[0] }).toEqual({ library, found: undefined });
    }
  });

  it('the extension is an ES module whose default export is the OHIF extension, id = package name', () => {
    expect(describeDefaultExport(bundles.extension)).toEqual({
      exports: ['default'],
      id: 'ohif-extension-aws-healthimaging',
      keys: ['id', 'preRegistration', 'getDataSourcesModule'],
      dataSources: [{ name: 'healthimaging', type: 'webApi' }],
    });
  });

  it('the mode is an ES module whose default export is the OHIF mode, id = package name', () => {
    const mode = describeDefaultExport(bundles.mode);
    expect(mode.exports).toEqual(['default']);
    expect(mode.id).toBe('ohif-mode-aws-healthimaging');
    expect(mode.keys).toEqual(expect.arrayContaining(['id', 'modeFactory']));
  });

  it('the extension stays within its gzip budget of 40 KB', () => {
    const { gzipSync } = jest.requireActual<typeof import('node:zlib')>('node:zlib');
    expect(gzipSync(readFileSync(bundles.extension), { level: 9 }).length).toBeLessThanOrEqual(40 * 1024);
  });
});
