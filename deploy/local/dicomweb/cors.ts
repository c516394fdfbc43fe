/** How long a browser may cache a preflight answer, in seconds. */
export const preflightMaxAgeSeconds = 600;

const allowedMethods = 'GET, POST, OPTIONS';
const allowedHeaders = 'Authorization, Accept, Content-Type';
const exposedHeaders = 'Content-Type, Content-Length, Retry-After, Content-Location';

/**
 * Headers for an actual (non-preflight) response: the allowance for an allowed origin (exact match against
 * `allowedOrigins`), and `Vary: Origin` always, since the answer depends on the request's origin.
 */
export function corsResponseHeaders(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (origin === undefined || !allowedOrigins.includes(origin)) return { Vary: 'Origin' };
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': exposedHeaders };
}

/**
 * The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`). An allowed origin gets 204 with
 * the methods, headers and max-age; any other origin 403 without allowance (the browser then blocks the request).
 */
export function preflightResponse(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): { status: 204 | 403; headers: Record<string, string> } {
  if (origin === undefined || !allowedOrigins.includes(origin)) return { status: 403, headers: { Vary: 'Origin' } };
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': allowedMethods,
      'Access-Control-Allow-Headers': allowedHeaders,
      'Access-Control-Max-Age': String(preflightMaxAgeSeconds),
      Vary: 'Origin',
    },
  };
}
