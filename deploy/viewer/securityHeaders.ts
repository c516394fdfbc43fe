import { ViewerOptionError } from './errors';

export interface SecurityHeadersOptions {
  /** Origins of the DICOMweb service(s) the viewer calls, e.g. `https://dicom-medical-imaging.us-east-1.amazonaws.com`. */
  dicomWebOrigins: string[];
  /**
   * Origins of the identity provider the browser calls: the issuer (discovery, JWKS, token, revocation) and, for
   * Cognito, the hosted sign-in domain. Allowed in `connect-src` only: sign-in and sign-out are top-level
   * navigations, and the session never uses an iframe (it refreshes with the refresh token grant).
   */
  identityOrigins: string[];
  /** Served over HTTPS: adds `Strict-Transport-Security`. Must be `false` for plain-http local serving. */
  tls: boolean;
  /** `'sha256-...'` sources of index.html's inline scripts (`ViewerManifest.scriptHashes`). Default `[]`. */
  scriptHashes?: string[];
}

const hashSource = /^'sha(256|384|512)-[A-Za-z0-9+/]+={0,2}'$/;

/**
 * The security headers of every viewer response, the same for the local server and CloudFront (the CDK stack's
 * response headers policy takes its Content-Security-Policy from here):
 * a Content-Security-Policy that allows only the viewer's own files plus the DICOMweb and identity origins,
 * and the usual hardening headers. Returns header name → value.
 */
export function securityHeaders(options: SecurityHeadersOptions): Record<string, string> {
  const dicomWebOrigins = origins(options.dicomWebOrigins, 'dicomWebOrigins');
  const identityOrigins = origins(options.identityOrigins, 'identityOrigins');
  if (typeof options.tls !== 'boolean') {
    throw new ViewerOptionError('tls', 'must be true (served over HTTPS) or false');
  }
  const scriptHashes = options.scriptHashes ?? [];
  for (const [index, hash] of scriptHashes.entries()) {
    if (typeof hash !== 'string' || !hashSource.test(hash)) {
      throw new ViewerOptionError(
        `scriptHashes[${index}]`,
        `must be a CSP hash source such as 'sha256-<base64>' (with the quotes), got ${JSON.stringify(hash)}`,
      );
    }
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    // 'wasm-unsafe-eval' lets the image decoders compile WebAssembly; 'unsafe-eval' is needed because their
    // emscripten glue (embind) creates functions with `new Function` when a decoder starts: without it the HTJ2K
    // decoder (openjph), the one every HealthImaging frame goes through, fails with an EvalError (seen in Chromium).
    // The hashes allow index.html's inline scripts.
    ['script-src', ["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'", ...scriptHashes]],
    // cornerstone starts its decode and compute workers from same-origin files and, for some, blob: URLs.
    ['worker-src', ["'self'", 'blob:']],
    // blob: and data: for the image loader's and the video viewport's object URLs.
    ['connect-src', ["'self'", ...dicomWebOrigins, ...identityOrigins, 'blob:', 'data:']],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'", 'blob:']],
    // OHIF (React components, emotion, cornerstone's viewport elements) sets inline styles at run time; they
    // cannot be hashed in advance. Inline styles cannot run script, so this is the accepted trade-off.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['font-src', ["'self'", 'data:']],
    ['manifest-src', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
    // OHIF's PDF viewport shows an encapsulated document in an <object> whose data is a blob: URL of the bytes it
    // fetched with the bearer token, and Chromium's PDF viewer loads that URL in a frame of its own; only the viewer's
    // own scripts can make a blob: URL. 'self' lets the <object> be created before its data is set. With 'none' the
    // reader gets "No online PDF viewer installed".
    ['object-src', ["'self'", 'blob:']],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-src', ['blob:']],
    ...(options.tls ? ([['upgrade-insecure-requests', []]] as Array<[string, string[]]>) : []),
  ];
  const headers: Record<string, string> = {
    'Content-Security-Policy': directives.map(([name, sources]) => [name, ...unique(sources)].join(' ')).join('; '),
    'X-Content-Type-Options': 'nosniff',
    // no-referrer: viewer URLs carry study and series UIDs (patient data), which must not leak to other origins;
    // nothing we call needs a Referer (the identity provider and DICOMweb service authorise by token and CORS).
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  };
  if (options.tls) {
    headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  }
  return headers;
}

function origins(values: unknown, option: string): string[] {
  if (!Array.isArray(values)) {
    throw new ViewerOptionError(option, 'must be an array of origins such as https://example.com');
  }
  return values.map((value: unknown, index) => {
    const key = `${option}[${index}]`;
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new ViewerOptionError(
        key,
        `must be an http(s) origin such as https://example.com, got ${JSON.stringify(value)}`,
      );
    }
    if (
      !['http:', 'https:'].includes(url.protocol) ||
      typeof value !== 'string' ||
      value.replace(/\/$/, '') !== url.origin
    ) {
      throw new ViewerOptionError(
        key,
        `must be an origin only (scheme, host, port; no path), e.g. ${url.origin}; got ${JSON.stringify(value)}`,
      );
    }
    return url.origin;
  });
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
