import { resolve } from 'node:path';
import { HelpRequested, parseLocalStackSettings } from './parseLocalStackSettings';

const root = resolve('/repo');

describe('parseLocalStackSettings', () => {
  it('has defaults for everything', () => {
    const settings = parseLocalStackSettings([], {}, root);
    expect(settings).toMatchObject({
      viewerPort: 3000,
      oidcPort: 5001,
      dicomwebPort: 5002,
      s3Port: 0,
      importJobsPort: 0,
      dataDir: resolve(root, '.data/local'),
      accessTokenTtlSeconds: 300,
      requestTimeoutSeconds: 300,
      throttle: { ratePerSecond: 50, burst: 100 },
      testControl: false,
      json: false,
      extraViewerOrigins: [],
    });
    expect(settings.datastoreId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes flags before environment variables', () => {
    const settings = parseLocalStackSettings(
      [
        '--viewer-port',
        '4000',
        '--access-token-ttl=10',
        '--request-timeout',
        '2',
        '--no-throttle',
        '--test-control',
        '--json',
        '--data-dir',
        'tmp/x',
      ],
      { VIEWER_PORT: '4100', OIDC_PORT: '4101', INIT_CWD: resolve('/home/user') },
      root,
    );
    expect(settings).toMatchObject({
      viewerPort: 4000,
      oidcPort: 4101,
      accessTokenTtlSeconds: 10,
      requestTimeoutSeconds: 2,
      throttle: false,
      testControl: true,
      json: true,
    });
    expect(settings.dataDir).toBe(resolve('/home/user/tmp/x'));
  });

  it('stands in for the provider --idp-profile (or IDP_PROFILE) names, the local one by default', () => {
    expect(parseLocalStackSettings([], {}, root).idpProfile).toBe('oidc');
    expect(parseLocalStackSettings(['--idp-profile', 'keycloak'], { IDP_PROFILE: 'okta' }, root).idpProfile).toBe(
      'keycloak',
    );
    expect(parseLocalStackSettings([], { IDP_PROFILE: 'entra-id-v1' }, root).idpProfile).toBe('entra-id-v1');
    expect(() => parseLocalStackSettings(['--idp-profile', 'azure'], {}, root)).toThrow(
      /--idp-profile \(or IDP_PROFILE\) must be one of oidc, entra-id, entra-id-v1, okta, keycloak, auth0; got "azure"/,
    );
  });

  it('lets --viewer-scope replace the scopes the viewer asks for, which must include openid', () => {
    expect(parseLocalStackSettings(['--viewer-scope', 'openid profile'], {}, root).viewerScope).toBe('openid profile');
    expect(parseLocalStackSettings([], {}, root).viewerScope).toBeUndefined();
    expect(() => parseLocalStackSettings(['--viewer-scope', 'profile'], {}, root)).toThrow(
      /--viewer-scope must include openid/,
    );
  });

  it("models an account's own retrieve quota with --throttle-rate and --throttle-burst", () => {
    expect(parseLocalStackSettings(['--throttle-rate', '10', '--throttle-burst=20'], {}, root).throttle).toEqual({
      ratePerSecond: 10,
      burst: 20,
    });
    // HealthImaging's own shape: a burst of two seconds' worth, unless given.
    expect(parseLocalStackSettings(['--throttle-rate', '200'], {}, root).throttle).toEqual({
      ratePerSecond: 200,
      burst: 400,
    });
    expect(parseLocalStackSettings(['--throttle-burst', '5'], {}, root).throttle).toEqual({
      ratePerSecond: 50,
      burst: 5,
    });
    expect(parseLocalStackSettings([], { THROTTLE_RATE: '20', THROTTLE_BURST: '40' }, root).throttle).toEqual({
      ratePerSecond: 20,
      burst: 40,
    });
  });

  it('collects every --extra-viewer-origin as an origin, once each, before EXTRA_VIEWER_ORIGINS', () => {
    const argv = [
      '--extra-viewer-origin',
      'http://localhost:3000/',
      '--extra-viewer-origin=https://Viewer.example:8443',
      '--extra-viewer-origin',
      'http://localhost:3000',
    ];
    const environment = { EXTRA_VIEWER_ORIGINS: 'http://localhost:9999' };
    expect(parseLocalStackSettings(argv, environment, root).extraViewerOrigins).toEqual([
      'http://localhost:3000',
      'https://viewer.example:8443',
    ]);
    expect(
      parseLocalStackSettings([], { EXTRA_VIEWER_ORIGINS: ' http://localhost:3000, http://127.0.0.1:3001 ' }, root)
        .extraViewerOrigins,
    ).toEqual(['http://localhost:3000', 'http://127.0.0.1:3001']);
  });

  it.each([
    [
      ['--extra-viewer-origin', 'localhost:3000'],
      '--extra-viewer-origin must be an origin: http(s), host and port, no path, e.g. http://localhost:3000; got "localhost:3000"',
    ],
    [['--extra-viewer-origin', 'http://localhost:3000/callback'], 'got "http://localhost:3000/callback"'],
    [['--extra-viewer-origin', 'http://localhost:3000/?x=1'], 'must be an origin'],
    [['--extra-viewer-origin', 'ftp://localhost:3000'], 'must be an origin'],
    [['--extra-viewer-origin', 'http://user@localhost:3000'], 'must be an origin'],
    [['--extra-viewer-origin'], '--extra-viewer-origin needs a value'],
  ])('rejects the origin in %j', (argv, message) => {
    expect(() => parseLocalStackSettings(argv, {}, root)).toThrow(message);
  });

  it('names the environment variable when its origin is wrong', () => {
    expect(() => parseLocalStackSettings([], { EXTRA_VIEWER_ORIGINS: 'http://localhost:3000,nope' }, root)).toThrow(
      'EXTRA_VIEWER_ORIGINS must be an origin: http(s), host and port, no path, e.g. http://localhost:3000; got "nope"',
    );
  });

  it.each([
    [
      ['--throttle-rate', '0'],
      '--throttle-rate (or THROTTLE_RATE) must be a whole number of requests per second from 1 to 100000; got "0"',
    ],
    [['--throttle-rate', '2.5'], '--throttle-rate (or THROTTLE_RATE) must be a whole number'],
    [
      ['--throttle-burst', '-1'],
      '--throttle-burst (or THROTTLE_BURST) must be a whole number of requests from 1 to 1000000; got "-1"',
    ],
    [
      ['--no-throttle', '--throttle-rate', '10'],
      '--no-throttle cannot be combined with --throttle-rate or --throttle-burst',
    ],
    [
      ['--viewer-port', 'abc'],
      '--viewer-port (or VIEWER_PORT) must be a port number from 1 to 65535 (0 picks a free one); got "abc"',
    ],
    [['--oidc-port', '70000'], '--oidc-port (or OIDC_PORT) must be a port number'],
    [
      ['--access-token-ttl', '1'],
      '--access-token-ttl (or ACCESS_TOKEN_TTL) must be a number of seconds from 5 to 86400; got "1"',
    ],
    [['--data-dir'], '--data-dir needs a value'],
    [
      ['--request-timeout', '0'],
      '--request-timeout (or REQUEST_TIMEOUT) must be a number of seconds from 1 to 86400; got "0"',
    ],
    [['--colour'], '--colour is not an option.'],
    [['serve'], '"serve" is not an option.'],
    [
      ['--viewer-port', '5001'],
      '--viewer-port, --oidc-port, --dicomweb-port, --s3-port and --import-jobs-port must differ; got 5001, 5001, 5002',
    ],
  ])('rejects %j with a message naming the setting', (argv, message) => {
    expect(() => parseLocalStackSettings(argv, {}, root)).toThrow(message);
  });

  it('answers --help with the usage', () => {
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(HelpRequested);
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(/--access-token-ttl S/);
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(/--throttle-rate N/);
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(/--extra-viewer-origin ORIGIN\n.*repeatable/s);
  });
});
