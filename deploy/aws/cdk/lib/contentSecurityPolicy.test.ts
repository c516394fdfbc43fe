import { contentSecurityPolicy, dicomwebOrigin, inlineScriptHashes } from './contentSecurityPolicy';
import { ohif3132InlineScriptHashes } from './parseDeploySettings';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map(part => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name ?? '', sources];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const input = {
    region: 'eu-west-1',
    identityOrigins: ['https://viewer.auth.eu-west-1.amazoncognito.com', 'https://cognito-idp.eu-west-1.amazonaws.com'],
    inlineScriptHashes: ohif3132InlineScriptHashes,
    allowUnsafeEval: false,
  };

  it('lets the viewer reach only itself, the regional DICOMweb host and the identity provider', () => {
    const connect = directives(contentSecurityPolicy(input)).get('connect-src');
    expect(connect).toEqual([
      "'self'",
      'https://dicom-medical-imaging.eu-west-1.amazonaws.com',
      'https://viewer.auth.eu-west-1.amazoncognito.com',
      'https://cognito-idp.eu-west-1.amazonaws.com',
      'blob:',
      'data:',
    ]);
    expect(dicomwebOrigin('us-east-1')).toBe('https://dicom-medical-imaging.us-east-1.amazonaws.com');
  });

  it('allows WebAssembly and the hashed inline scripts, not eval or arbitrary inline scripts', () => {
    const script = directives(contentSecurityPolicy(input)).get('script-src');
    expect(script).toEqual(["'self'", "'wasm-unsafe-eval'", ...ohif3132InlineScriptHashes]);
    expect(script).not.toContain("'unsafe-inline'");
    expect(directives(contentSecurityPolicy({ ...input, allowUnsafeEval: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('forbids framing, plugins and foreign workers', () => {
    const policy = directives(contentSecurityPolicy(input));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('lists an identity origin once even when given twice', () => {
    const connect = directives(contentSecurityPolicy({ ...input, identityOrigins: ['https://idp.example.com', 'https://idp.example.com'] })).get('connect-src');
    expect(connect?.filter(source => source === 'https://idp.example.com')).toHaveLength(1);
  });
});

describe('inlineScriptHashes', () => {
  it('hashes inline scripts and skips external ones', () => {
    const html = '<script>a()</script><script src="/x.js"></script><script type="module">b()</script>';
    // sha256("a()") and sha256("b()"), base64
    expect(inlineScriptHashes(html)).toEqual([
      "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='",
      "'sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc='",
    ]);
  });

  it('matches the defaults for the inline scripts of OHIF 3.13.2 index.html', () => {
    // The <head> of @ohif/app@3.13.2 dist/index.html, shortened to its script elements.
    const ohifHead =
      '<script>console.time("scriptToView"),window.PUBLIC_URL="/"</script>' +
      '<script rel="preload" as="script" src="/app-config.js"></script>' +
      '<script rel="preload" as="script" type="module" src="/init-service-worker.js"></script>' +
      '<script>function browserImportFunction(n){return import(n)}window.PUBLIC_URL="/"</script>' +
      '<script defer src="/app.bundle.0f6159c501addfe9.js"></script>';
    expect(inlineScriptHashes(ohifHead)).toEqual(ohif3132InlineScriptHashes);
  });
});
