import { createHash } from 'node:crypto';

/** What the viewer's pages may load and contact. */
export interface ContentSecurityPolicyInput {
  /** AWS region: the DICOMweb host is `https://dicom-medical-imaging.<region>.amazonaws.com`. */
  region: string;
  /** Origins of the identity provider the browser talks to (discovery, token, userinfo, revocation, JWKS). */
  identityOrigins: string[];
  /** `'sha256-...'` sources of the inline scripts of `index.html`. */
  inlineScriptHashes: string[];
  /** Add `'unsafe-eval'` (OHIF's CharLS and libjpeg-turbo decoders need it; HTJ2K does not). */
  allowUnsafeEval: boolean;
}

/** The DICOMweb origin of HealthImaging in a region. */
export function dicomwebOrigin(region: string): string {
  return `https://dicom-medical-imaging.${region}.amazonaws.com`;
}

/**
 * The Content-Security-Policy of the viewer. Scripts only from the viewer's own origin (plus the hashed inline
 * scripts of index.html), WebAssembly compilation for the image codecs (`'wasm-unsafe-eval'`), network access only
 * to the viewer, HealthImaging's DICOMweb host and the identity provider, workers from the viewer or `blob:`
 * (cornerstone's decode workers), images and media from `blob:`/`data:` (thumbnails, rendered frames), no plugins,
 * no framing by anyone. `style-src 'unsafe-inline'`: OHIF's UI libraries inject `<style>` elements at run time.
 */
export function contentSecurityPolicy(input: ContentSecurityPolicyInput): string {
  const scriptSources = ["'self'", "'wasm-unsafe-eval'", ...input.inlineScriptHashes];
  if (input.allowUnsafeEval) scriptSources.push("'unsafe-eval'");
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSources],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', ["'self'", dicomwebOrigin(input.region), ...unique(input.identityOrigins), 'blob:', 'data:']],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
    ['upgrade-insecure-requests', []],
  ];
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/**
 * The CSP hash sources of the inline `<script>` elements (those without `src`) of an HTML page, for
 * `hosting.inlineScriptHashes` when the viewer's index.html differs from OHIF 3.13.2's.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.length > 0) hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
