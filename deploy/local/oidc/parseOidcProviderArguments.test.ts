import { OidcProviderOptionsError } from './errors';
import { parseOidcProviderArguments } from './parseOidcProviderArguments';

describe('parseOidcProviderArguments', () => {
  it('maps every flag to its option', () => {
    expect(
      parseOidcProviderArguments([
        '--data-dir',
        '.data/oidc',
        '--resource',
        'http://127.0.0.1:5002',
        '--redirect-uri',
        'http://127.0.0.1:3000/callback',
        '--redirect-uri',
        'http://localhost:3000/callback',
        '--post-logout-redirect-uri',
        'http://127.0.0.1:3000/',
        '--allowed-origin',
        'http://127.0.0.1:3000',
        '--host',
        '0.0.0.0',
        '--port',
        '5001',
        '--issuer',
        'http://127.0.0.1:5001',
        '--access-token-ttl',
        '10',
        '--refresh-token-ttl',
        '600',
        '--id-token-ttl',
        '20',
        '--importer-secret',
        'abc',
        '--test-control',
      ]),
    ).toEqual({
      dataDir: '.data/oidc',
      resource: 'http://127.0.0.1:5002',
      viewer: {
        redirectUris: ['http://127.0.0.1:3000/callback', 'http://localhost:3000/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:3000/'],
        allowedOrigins: ['http://127.0.0.1:3000'],
      },
      host: '0.0.0.0',
      port: 5001,
      issuer: 'http://127.0.0.1:5001',
      accessTokenTtlSeconds: 10,
      refreshTokenTtlSeconds: 600,
      idTokenTtlSeconds: 20,
      importer: { clientSecret: 'abc' },
      testControl: true,
    });
  });

  it('takes options as JSON and lets flags override them', () => {
    const json = JSON.stringify({
      dataDir: 'a',
      resource: 'http://r',
      port: 1,
      viewer: { redirectUris: ['http://v/cb'], postLogoutRedirectUris: ['http://v/'] },
      users: [{ username: 'u', password: 'p', groups: ['readers'] }],
    });
    expect(parseOidcProviderArguments(['--options', json, '--port', '2', '--redirect-uri', 'http://w/cb'])).toEqual({
      dataDir: 'a',
      resource: 'http://r',
      port: 2,
      viewer: { redirectUris: ['http://w/cb'], postLogoutRedirectUris: ['http://v/'] },
      users: [{ username: 'u', password: 'p', groups: ['readers'] }],
    });
  });

  it.each([
    [['--unknown'], 'command line'],
    [['--port', 'eighty'], '--port'],
    [['--options', '{not json'], '--options'],
    [['--options', '[]'], '--options'],
    [['positional'], 'command line'],
  ])('refuses %j', (args, option) => {
    expect(() => parseOidcProviderArguments(args)).toThrow(OidcProviderOptionsError);
    try {
      parseOidcProviderArguments(args);
    } catch (error) {
      expect((error as OidcProviderOptionsError).option).toBe(option);
    }
  });
});
