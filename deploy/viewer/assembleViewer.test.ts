import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleViewer, inProgressMarkerName, manifestFileName, type ViewerManifest } from './assembleViewer';
import { AssembleViewerError } from './errors';
import { fetchOhifApp } from './fetchOhifApp';

describe('assembleViewer', () => {
  let dir: string;
  let ohifDist: string;
  let plugins: Array<{ name: string; file: string }>;
  let manifest: ViewerManifest;
  let outDir: string;
  const appConfigJs = (urls: Record<string, string>) =>
    `window.config = ${JSON.stringify({ extensions: [urls.extension], modes: [urls.mode] })};\n`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assemble-viewer-'));
    // Its own cache folder: the repository's .cache, whatever state it is in, plays no part.
    ohifDist = await fetchOhifApp({ cacheDir: join(dir, 'ohif-cache'), log: () => undefined });
    mkdirSync(join(dir, 'bundles'));
    plugins = [
      { name: 'extension', file: join(dir, 'bundles', 'extension.js') },
      { name: 'mode', file: join(dir, 'bundles', 'mode.js') },
    ];
    writeFileSync(plugins[0]!.file, 'export default { id: "ext" };\n');
    writeFileSync(plugins[1]!.file, 'export default { id: "mode" };\n');
    outDir = join(dir, 'viewer');
    manifest = await assembleViewer({ ohifDist, outDir, appConfigJs, plugins });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves out what the viewer never loads', () => {
    for (const omitted of [
      'ort',
      'dicom-microscopy-viewer',
      'google.js',
      'sw.js',
      'silent-refresh.html',
      'oidc-client.min.js',
      '_redirects',
    ]) {
      expect(existsSync(join(outDir, omitted))).toBe(false);
    }
    expect(manifest.files.some(file => file.path.endsWith('.map'))).toBe(false);
    expect(manifest.omitted.map(entry => entry.path)).toEqual(
      expect.arrayContaining(['ort/ort-wasm.wasm', 'google.js', 'sw.js']),
    );
    expect(manifest.omitted.every(entry => entry.reason.length > 10)).toBe(true);
    // ort alone is 136 MB; the assembled viewer is far smaller than the prebuilt one.
    expect(manifest.totalBytes).toBeLessThan(80 * 1024 * 1024);
  });

  it('keeps what the viewer needs', () => {
    for (const kept of [
      'index.html',
      'init-service-worker.js',
      'manifest.json',
      'assets/favicon.ico',
      'app.bundle.css',
    ]) {
      expect(existsSync(join(outDir, kept))).toBe(true);
    }
    const html = readFileSync(join(ohifDist, 'index.html'), 'utf8');
    for (const [, src] of html.matchAll(/<script[^>]*\bsrc="\/([^"]+)"/g)) {
      expect(existsSync(join(outDir, src!))).toBe(true);
    }
    expect(readdirSync(outDir).filter(name => name.endsWith('.wasm')).length).toBe(
      readdirSync(ohifDist).filter(name => name.endsWith('.wasm')).length,
    );
  });

  it('writes our app-config with the content-hashed plugin URLs', () => {
    expect(manifest.pluginUrls).toEqual({
      extension: expect.stringMatching(/^\/plugins\/extension\.[0-9a-f]{16}\.js$/),
      mode: expect.stringMatching(/^\/plugins\/mode\.[0-9a-f]{16}\.js$/),
    });
    expect(readFileSync(join(outDir, manifest.pluginUrls.mode!.slice(1)), 'utf8')).toBe(
      'export default { id: "mode" };\n',
    );
    expect(readFileSync(join(outDir, 'app-config.js'), 'utf8')).toBe(appConfigJs(manifest.pluginUrls));
  });

  it('classifies every file for caching', () => {
    const caching = Object.fromEntries(manifest.files.map(file => [file.path, file.caching]));
    expect(caching['index.html']).toBe('no-cache');
    expect(caching['app-config.js']).toBe('no-cache');
    expect(caching['manifest.json']).toBe('no-cache');
    expect(caching['init-service-worker.js']).toBe('no-cache');
    expect(caching[manifest.pluginUrls.extension!.slice(1)]).toBe('immutable');
    expect(
      manifest.files
        .filter(file => file.path.startsWith('app.bundle.') && file.path.endsWith('.js'))
        .map(file => file.caching),
    ).toEqual(['immutable']);
    expect(manifest.files.find(file => file.path.endsWith('.wasm'))?.contentType).toBe('application/wasm');
    expect(manifest.files.some(file => file.path === manifestFileName)).toBe(false);
  });

  it("computes the CSP hashes of index.html's inline scripts", () => {
    expect(manifest.scriptHashes).toHaveLength(2);
    expect(manifest.scriptHashes.every(hash => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(hash))).toBe(true);
  });

  it("changes a plugin's URL when its content changes, and replaces its own earlier output", async () => {
    const changed = join(dir, 'bundles', 'mode2.js');
    writeFileSync(changed, 'export default { id: "mode", version: 2 };\n');
    const second = await assembleViewer({
      ohifDist,
      outDir,
      appConfigJs,
      plugins: [plugins[0]!, { name: 'mode', file: changed }],
    });
    expect(second.pluginUrls.extension).toBe(manifest.pluginUrls.extension);
    expect(second.pluginUrls.mode).not.toBe(manifest.pluginUrls.mode);
    expect(readdirSync(join(outDir, 'plugins')).sort()).toEqual(
      [second.pluginUrls.extension!.slice(9), second.pluginUrls.mode!.slice(9)].sort(),
    );
  }, 120_000);

  describe('refuses bad input', () => {
    let fakeDist: string;
    beforeAll(() => {
      fakeDist = join(dir, 'fake-dist');
      mkdirSync(fakeDist);
      writeFileSync(join(fakeDist, 'index.html'), '<html></html>');
      writeFileSync(join(fakeDist, 'app-config.js'), 'window.config = {};');
    });

    it.each([
      {
        override: { ohifDist: '/nonexistent-dist' },
        message:
          'assembleViewer: ohifDist must be the prebuilt OHIF dist folder (fetchOhifApp()); index.html is missing',
      },
      {
        override: { plugins: [{ name: 'Mode!', file: 'x.js' }] },
        message: 'plugins[0].name must be lowercase letters, digits and hyphens, got "Mode!"',
      },
      {
        override: { plugins: [{ name: 'mode', file: '/no/such/mode.js' }] },
        message: 'plugins[0].file must be an existing .js bundle (build it first: npm run build)',
      },
      {
        override: { appConfigJs: () => 'config = {}' },
        message: 'appConfigJs must return the app-config.js text, which sets window.config',
      },
    ])('$message', async ({ override, message }) => {
      const options = {
        ohifDist: fakeDist,
        outDir: join(dir, `out-${Math.random()}`),
        appConfigJs,
        plugins: [],
        ...override,
      };
      const error = await assembleViewer(options as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssembleViewerError);
      expect((error as Error).message).toContain(message);
    });

    it('rejects a duplicate plugin name', async () => {
      await expect(
        assembleViewer({
          ohifDist: fakeDist,
          outDir: join(dir, 'dup'),
          appConfigJs,
          plugins: [plugins[0]!, plugins[0]!],
        }),
      ).rejects.toThrow('plugins[1].name "extension" is used twice');
    });

    it('replaces the folder an interrupted run left, and leaves no marker when done', async () => {
      const interrupted = join(dir, 'interrupted');
      mkdirSync(join(interrupted, 'assets'), { recursive: true });
      writeFileSync(join(interrupted, inProgressMarkerName), 'assembleViewer is writing this folder\n');
      writeFileSync(join(interrupted, 'assets', 'half-copied.js'), 'var a =');
      await assembleViewer({ ohifDist: fakeDist, outDir: interrupted, appConfigJs, plugins: [] });
      expect(readdirSync(interrupted).sort()).toEqual([manifestFileName, 'app-config.js', 'index.html']);
    });

    it('never empties a folder it did not write', async () => {
      const foreign = join(dir, 'foreign');
      mkdirSync(foreign);
      writeFileSync(join(foreign, 'precious.txt'), 'keep me');
      await expect(assembleViewer({ ohifDist: fakeDist, outDir: foreign, appConfigJs, plugins: [] })).rejects.toThrow(
        'is not empty and was not written by assembleViewer; choose an empty or new folder',
      );
      expect(readFileSync(join(foreign, 'precious.txt'), 'utf8')).toBe('keep me');
    });
  });
});
