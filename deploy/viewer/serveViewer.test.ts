import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ViewerOptionError, ViewerPortInUseError } from './errors';
import { serveViewer, type RunningViewer } from './serveViewer';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the path is sent exactly as written (fetch would normalise `..` away). */
function get(
  viewer: RunningViewer,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Answer> {
  const { hostname, port } = new URL(viewer.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, method, headers, agent: false }, response => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('serveViewer', () => {
  let dir: string;
  let root: string;
  let viewer: RunningViewer;
  const bundle = 'console.info("viewer");\n'.repeat(200);
  const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4096)]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-viewer-'));
    root = join(dir, 'viewer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>viewer</title>');
    writeFileSync(join(root, 'app.bundle.0f6159c501addfe9.js'), bundle);
    writeFileSync(join(root, 'app-config.js'), 'window.config = {};');
    writeFileSync(join(root, '0ddf166f7a343eda.wasm'), wasm);
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
    writeFileSync(join(root, '.viewer-manifest.json'), '{}');
    writeFileSync(join(dir, 'secret.txt'), 'outside the root');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    viewer = await serveViewer({ root, port: 0, headers: { 'X-Frame-Options': 'DENY' } });
  });
  afterAll(async () => {
    await viewer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback and serves files with their content types', async () => {
    expect(viewer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const cases: Array<[string, string]> = [
      ['/', 'text/html; charset=utf-8'],
      ['/app.bundle.0f6159c501addfe9.js', 'text/javascript; charset=utf-8'],
      ['/0ddf166f7a343eda.wasm', 'application/wasm'],
      ['/assets/logo.svg', 'image/svg+xml'],
    ];
    for (const [path, type] of cases) {
      const answer = await get(viewer, path);
      expect([path, answer.status, answer.headers['content-type']]).toEqual([path, 200, type]);
    }
    expect((await get(viewer, '/0ddf166f7a343eda.wasm')).body.equals(wasm)).toBe(true);
  });

  it('answers client-side routes with index.html and missing assets with 404', async () => {
    for (const path of ['/viewer?StudyInstanceUIDs=1.2.3', '/callback?code=abc&state=x', '/some/deep/route']) {
      const answer = await get(viewer, path);
      expect([path, answer.status, answer.body.toString()]).toEqual([
        path,
        200,
        '<!doctype html><title>viewer</title>',
      ]);
      expect(answer.headers['cache-control']).toBe('no-cache');
    }
    for (const path of ['/missing.js', '/assets/missing.png', '/app.bundle.ffffffffffffffff.js']) {
      expect([path, (await get(viewer, path)).status]).toEqual([path, 404]);
    }
  });

  it('adds the given headers to every response, errors included', async () => {
    expect((await get(viewer, '/')).headers['x-frame-options']).toBe('DENY');
    expect((await get(viewer, '/missing.js')).headers['x-frame-options']).toBe('DENY');
  });

  it('caches hashed files for a year and revalidates the rest', async () => {
    expect((await get(viewer, '/app.bundle.0f6159c501addfe9.js')).headers['cache-control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await get(viewer, '/app-config.js')).headers['cache-control']).toBe('no-cache');
    const first = await get(viewer, '/app-config.js');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const revalidated = await get(viewer, '/app-config.js', { 'If-None-Match': etag });
    expect([revalidated.status, revalidated.body.length]).toEqual([304, 0]);
  });

  it('compresses with brotli or gzip as the client accepts, and not otherwise', async () => {
    const br = await get(viewer, '/app.bundle.0f6159c501addfe9.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(bundle.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(bundle);

    const gzip = await get(viewer, '/0ddf166f7a343eda.wasm', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).equals(wasm)).toBe(true);

    const refusedBr = await get(viewer, '/app.bundle.0f6159c501addfe9.js', { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(refusedBr.headers['content-encoding']).toBe('gzip');

    const plain = await get(viewer, '/app.bundle.0f6159c501addfe9.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(bundle);
  });

  it('ignores Range requests (whole file, no Accept-Ranges)', async () => {
    const answer = await get(viewer, '/0ddf166f7a343eda.wasm', { Range: 'bytes=0-3' });
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(wasm.length);
    expect(answer.headers['accept-ranges']).toBeUndefined();
  });

  it('never serves files outside the root, dotfiles or symlinks leading out', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/link.txt',
      '/.viewer-manifest.json',
      '/%00',
    ]) {
      const answer = await get(viewer, path);
      expect([path, answer.body.toString().includes('outside the root'), answer.body.toString() === '{}']).toEqual([
        path,
        false,
        false,
      ]);
      expect([path, [200, 400, 404].includes(answer.status)]).toEqual([path, true]);
    }
    expect((await get(viewer, '/assets/..%2f..%2fsecret.txt')).status).toBe(400);
    expect((await get(viewer, '/link.txt')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(viewer, '/app-config.js', {}, 'HEAD');
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([
      200,
      0,
      String('window.config = {};'.length),
    ]);
    const post = await get(viewer, '/', {}, 'POST');
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('says which port is taken and how to choose another', async () => {
    const port = Number(new URL(viewer.url).port);
    const error = await serveViewer({ root, port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ViewerPortInUseError);
    expect((error as Error).message).toBe(
      `Port ${port} on 127.0.0.1 is already in use, so the viewer cannot listen there. ` +
        'Stop the process using it, or choose another port (e.g. --viewer-port or VIEWER_PORT for npm start).',
    );
  });

  it('refuses a root without index.html and a bad port', async () => {
    await expect(serveViewer({ root: dir, port: 0 })).rejects.toThrow(
      `${dir} has no index.html: assemble the viewer first`,
    );
    await expect(serveViewer({ root: join(dir, 'nope'), port: 0 })).rejects.toThrow('root must be an existing folder');
    await expect(serveViewer({ root, port: 70000 })).rejects.toBeInstanceOf(ViewerOptionError);
  });
});
