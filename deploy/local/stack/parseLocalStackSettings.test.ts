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
      throttle: { ratePerSecond: 50, burst: 100 },
      testControl: false,
      json: false,
    });
    expect(settings.datastoreId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes flags before environment variables', () => {
    const settings = parseLocalStackSettings(
      ['--viewer-port', '4000', '--access-token-ttl=10', '--no-throttle', '--test-control', '--json', '--data-dir', 'tmp/x'],
      { VIEWER_PORT: '4100', OIDC_PORT: '4101', INIT_CWD: resolve('/home/user') },
      root,
    );
    expect(settings).toMatchObject({
      viewerPort: 4000,
      oidcPort: 4101,
      accessTokenTtlSeconds: 10,
      throttle: false,
      testControl: true,
      json: true,
    });
    expect(settings.dataDir).toBe(resolve('/home/user/tmp/x'));
  });

  it.each([
    [['--viewer-port', 'abc'], '--viewer-port (or VIEWER_PORT) must be a port number from 1 to 65535 (0 picks a free one); got "abc"'],
    [['--oidc-port', '70000'], '--oidc-port (or OIDC_PORT) must be a port number'],
    [['--access-token-ttl', '1'], '--access-token-ttl (or ACCESS_TOKEN_TTL) must be a number of seconds from 5 to 86400; got "1"'],
    [['--data-dir'], '--data-dir needs a value'],
    [['--colour'], '--colour is not an option.'],
    [['serve'], '"serve" is not an option.'],
    [['--viewer-port', '5001'], '--viewer-port, --oidc-port, --dicomweb-port, --s3-port and --import-jobs-port must differ; got 5001, 5001, 5002'],
  ])('rejects %j with a message naming the setting', (argv, message) => {
    expect(() => parseLocalStackSettings(argv, {}, root)).toThrow(message);
  });

  it('answers --help with the usage', () => {
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(HelpRequested);
    expect(() => parseLocalStackSettings(['--help'], {}, root)).toThrow(/--access-token-ttl S/);
  });
});
