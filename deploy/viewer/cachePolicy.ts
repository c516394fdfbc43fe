/**
 * How long a browser (and CloudFront) may keep a viewer file:
 * - `immutable`: the file name carries a hash of its content, so it never changes under that name;
 * - `no-cache`: stored, but revalidated on every use (index.html, app-config.js, manifest.json, unhashed files).
 */
export type Caching = 'immutable' | 'no-cache';

/**
 * Content-hashed names as the OHIF build and `assembleViewer` write them: a run of at least 16 lowercase hex
 * characters just before the extension, e.g. `app.bundle.0f6159c501addfe9.js`, `0ddf166f7a343eda.wasm`,
 * `plugins/mode.3f2a9c01d4e5b6a7.js`.
 */
const hashedName = /(^|[./])[0-9a-f]{16,}\.[a-z0-9]+$/;

/** The caching class of a file from its path relative to the viewer root (`/` separators). */
export function cachingFor(relativePath: string): Caching {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return hashedName.test(name) ? 'immutable' : 'no-cache';
}

/** The `Cache-Control` header for a caching class. */
export function cacheControlFor(caching: Caching): string {
  return caching === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache';
}
