/** `Content-Type` by file extension for everything the OHIF viewer ships; others get `application/octet-stream`. */
const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonc: 'application/json; charset=utf-8',
  webapp: 'application/x-web-app-manifest+json',
  map: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** The `Content-Type` of a file from its name. `.wasm` must be `application/wasm` for streaming compilation. */
export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const extension = dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
  return contentTypes[extension] ?? 'application/octet-stream';
}

/** Whether compressing the type pays off (text formats and wasm; images and fonts are compressed already). */
export function isCompressible(contentType: string): boolean {
  return (
    /^(text\/|application\/(json|javascript|wasm|xml|x-web-app-manifest)|image\/svg)/.test(contentType) ||
    contentType === 'image/x-icon'
  );
}
