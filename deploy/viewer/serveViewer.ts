import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { cacheControlFor, cachingFor } from './cachePolicy';
import { CompressionCache, negotiateEncoding } from './CompressionCache';
import { contentTypeFor, isCompressible } from './contentTypes';
import { ViewerOptionError, ViewerPortInUseError } from './errors';

export interface ServeViewerOptions {
  /** The assembled viewer folder (`assembleViewer`'s outDir). */
  root: string;
  /** Interface to listen on. Default `127.0.0.1` (this machine only). */
  host?: string;
  /** Port; `0` picks a free one (read it from the returned `url`). */
  port: number;
  /** Headers added to every response, e.g. `securityHeaders(...)`. Default none. */
  headers?: Record<string, string>;
}

export interface RunningViewer {
  /** `http://<host>:<port>`, without a trailing slash. */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Files smaller than this are sent as they are: compressing them saves less than the header costs. */
const minimumCompressedSize = 1024;

/**
 * Serves the assembled viewer as a single-page app: files as they are (compressed with brotli or gzip when the
 * client accepts it), `index.html` for unknown paths without a file extension (client-side routes such as
 * `/viewer?StudyInstanceUIDs=...`), 404 for missing files with an extension. Content-hashed files are cacheable
 * for a year, the rest revalidate (ETag). No directory listings, dotfiles or paths outside `root`; no ranges.
 */
export async function serveViewer(options: ServeViewerOptions): Promise<RunningViewer> {
  const host = options.host ?? '127.0.0.1';
  const extraHeaders = options.headers ?? {};
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new ViewerOptionError(
      'port',
      `must be an integer from 0 to 65535 (0 = any free port), got ${JSON.stringify(options.port)}`,
    );
  }
  const root = await realpath(options.root).catch(() => {
    throw new ViewerOptionError(
      'root',
      `must be an existing folder (the assembled viewer), got ${JSON.stringify(options.root)}`,
    );
  });
  const indexStats = await stat(join(root, 'index.html')).catch(() => undefined);
  if (!indexStats?.isFile()) {
    throw new ViewerOptionError('root', `${options.root} has no index.html: assemble the viewer first`);
  }
  const compression = new CompressionCache();

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
    handle(root, compression, request, response).catch(() => {
      if (!response.headersSent) sendText(response, 500, 'Internal server error');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ViewerPortInUseError(host, options.port) : error),
    );
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  root: string,
  compression: CompressionCache,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendText(response, 405, 'Method not allowed');
  }
  const segments = pathSegments(request.url ?? '/');
  if (!segments) return sendText(response, 400, 'Bad request path');
  if (segments.some(segment => segment.startsWith('.'))) return sendText(response, 404, 'Not found');

  const relativePath = segments.join('/') || 'index.html';
  let file = await servableFile(root, relativePath);
  let caching = cachingFor(relativePath);
  if (!file) {
    const lastSegment = segments[segments.length - 1] ?? '';
    if (lastSegment.includes('.')) return sendText(response, 404, 'Not found');
    // A client-side route: the app reads the path itself.
    file = await servableFile(root, 'index.html');
    caching = 'no-cache';
    if (!file) return sendText(response, 404, 'Not found');
  }

  const contentType = contentTypeFor(file.path);
  const etag = `W/"${file.stats.size.toString(16)}-${Math.trunc(file.stats.mtimeMs).toString(16)}"`;
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', cacheControlFor(caching));
  response.setHeader('ETag', etag);
  const compressible = isCompressible(contentType) && file.stats.size >= minimumCompressedSize;
  if (compressible) response.setHeader('Vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === etag) {
    response.statusCode = 304;
    return void response.end();
  }
  const encoding = compressible ? negotiateEncoding(request.headers['accept-encoding']) : undefined;
  if (encoding) {
    const body = await compression.get(file.path, file.stats.size, file.stats.mtimeMs, encoding);
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', body.length);
    return void response.end(request.method === 'HEAD' ? undefined : body);
  }
  response.setHeader('Content-Length', file.stats.size);
  if (request.method === 'HEAD') return void response.end();
  await new Promise<void>((resolve, reject) => {
    createReadStream(file.path).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
}

/** The decoded path segments of a request URL, or undefined when it cannot be a file path under the root. */
function pathSegments(requestUrl: string): string[] | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://viewer.invalid').pathname);
  } catch {
    return undefined;
  }
  const segments = pathname.split('/').filter(segment => segment !== '');
  // `..` (also reached through %2e%2e), backslashes (Windows separators) and NUL never name a file of ours.
  if (segments.some(segment => segment === '..' || segment.includes('\\') || segment.includes('\0'))) return undefined;
  return segments;
}

/** The file at a root-relative path, if it is a regular file that (after symlinks) is still inside root. */
async function servableFile(root: string, relativePath: string): Promise<{ path: string; stats: Stats } | undefined> {
  const real = await realpath(join(root, ...relativePath.split('/'))).catch(() => undefined);
  if (!real || !real.startsWith(root + sep)) return undefined;
  const stats = await stat(real).catch(() => undefined);
  return stats?.isFile() ? { path: real, stats } : undefined;
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(text);
}
