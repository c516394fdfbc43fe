import { ViewerOptionError } from './errors';
import { securityHeaders } from './securityHeaders';

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(
    csp.split('; ').map(directive => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );
}

describe('securityHeaders', () => {
  const hashes = [
    "'sha256-VggY0rSMrfuUfyGbMQUTdohoMO4fFh+5LLFfr7rG50g='",
    "'sha256-12PW7jQ7q6uBo6f025aNINHBa58dqEw1kjWTLzM/lTg='",
  ];
  const headers = securityHeaders({
    dicomWebOrigins: ['https://dicom-medical-imaging.eu-west-1.amazonaws.com'],
    identityOrigins: [
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://viewer.auth.eu-west-1.amazoncognito.com/',
    ],
    tls: true,
    scriptHashes: hashes,
  });
  const csp = directives(headers['Content-Security-Policy'] ?? '');

  it("allows only our own scripts, the decoders' wasm compilation and eval, and the hashed inline scripts", () => {
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'", ...hashes]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['default-src']).toEqual(["'self'"]);
    // The PDF viewport's <object> and its document, fetched by the viewer's own script; no plugin from elsewhere.
    expect(csp['object-src']).toEqual(["'self'", 'blob:']);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
  });

  it('lets the viewer call the DICOMweb and identity origins, and navigate to the identity provider', () => {
    expect(csp['connect-src']).toEqual([
      "'self'",
      'https://dicom-medical-imaging.eu-west-1.amazonaws.com',
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'https://viewer.auth.eu-west-1.amazoncognito.com',
      'blob:',
      'data:',
    ]);
    // Sign-in and sign-out are top-level navigations; the session never uses an iframe. Only the PDF viewer's frame
    // of a blob: document may load.
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['frame-src']).toEqual(['blob:']);
    expect(csp['upgrade-insecure-requests']).toEqual([]);
  });

  it('lists an origin once even when given twice', () => {
    const twice = securityHeaders({
      dicomWebOrigins: [],
      identityOrigins: ['https://idp.example.com', 'https://idp.example.com/'],
      tls: true,
    });
    expect(directives(twice['Content-Security-Policy'] ?? '')['connect-src']).toEqual([
      "'self'",
      'https://idp.example.com',
      'blob:',
      'data:',
    ]);
  });

  it('allows workers from our origin and blob:, images from data: and blob:, inline styles', () => {
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['font-src']).toEqual(["'self'", 'data:']);
  });

  it('sets the hardening headers, HSTS only over TLS', () => {
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    const local = securityHeaders({
      dicomWebOrigins: ['http://127.0.0.1:5002'],
      identityOrigins: ['http://127.0.0.1:5001'],
      tls: false,
    });
    expect(local['Strict-Transport-Security']).toBeUndefined();
    expect(local['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
    expect(directives(local['Content-Security-Policy'] ?? '')['script-src']).toEqual([
      "'self'",
      "'wasm-unsafe-eval'",
      "'unsafe-eval'",
    ]);
  });

  it.each([
    [
      { dicomWebOrigins: 'https://a.example', identityOrigins: [], tls: true },
      'dicomWebOrigins must be an array of origins',
    ],
    [
      { dicomWebOrigins: ['https://a.example/dicomweb'], identityOrigins: [], tls: true },
      'dicomWebOrigins[0] must be an origin only (scheme, host, port; no path), e.g. https://a.example',
    ],
    [
      { dicomWebOrigins: [], identityOrigins: ['not a url'], tls: true },
      'identityOrigins[0] must be an http(s) origin',
    ],
    [
      { dicomWebOrigins: [], identityOrigins: ['ftp://a.example'], tls: true },
      'identityOrigins[0] must be an origin only',
    ],
    [{ dicomWebOrigins: [], identityOrigins: [], tls: 'yes' }, 'tls must be true (served over HTTPS) or false'],
    [
      { dicomWebOrigins: [], identityOrigins: [], tls: true, scriptHashes: ['sha256-abc='] },
      "scriptHashes[0] must be a CSP hash source such as 'sha256-<base64>' (with the quotes)",
    ],
  ])('names the bad option %#', (options, message) => {
    expect(() => securityHeaders(options as never)).toThrow(ViewerOptionError);
    expect(() => securityHeaders(options as never)).toThrow(message);
  });
});
