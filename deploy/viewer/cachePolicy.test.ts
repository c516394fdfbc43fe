import { cacheControlFor, cachingFor } from './cachePolicy';
import { contentTypeFor, isCompressible } from './contentTypes';

describe('cachingFor', () => {
  it.each([
    'app.bundle.0f6159c501addfe9.js',
    '0ddf166f7a343eda.wasm',
    'a34f9d1faa5f3315.woff2',
    'plugins/mode.3f2a9c01d4e5b6a7.js',
  ])('treats the content-hashed %s as immutable', path => {
    expect(cachingFor(path)).toBe('immutable');
  });

  it.each([
    'index.html',
    'app-config.js',
    'manifest.json',
    'init-service-worker.js',
    'app.bundle.css',
    '1602.css',
    'assets/favicon.ico',
    'deadbeef.js',
  ])('revalidates %s', path => {
    expect(cachingFor(path)).toBe('no-cache');
  });

  it('maps the classes to Cache-Control', () => {
    expect(cacheControlFor('immutable')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('no-cache')).toBe('no-cache');
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['a.wasm', 'application/wasm'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.mjs', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.json', 'application/json; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.PNG', 'image/png'],
    ['a.woff2', 'font/woff2'],
    ['index.html', 'text/html; charset=utf-8'],
    ['favicon.ico', 'image/x-icon'],
    ['a.map', 'application/json; charset=utf-8'],
    ['LICENSE', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });

  it('compresses text and wasm, not images or fonts', () => {
    expect(isCompressible('application/wasm')).toBe(true);
    expect(isCompressible('text/javascript; charset=utf-8')).toBe(true);
    expect(isCompressible('image/png')).toBe(false);
    expect(isCompressible('font/woff2')).toBe(false);
  });
});
