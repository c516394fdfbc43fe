import { OidcProviderOptionsError } from './errors';
import { demoUsers } from './OidcProviderOptions';
import { resolveOidcProviderOptions } from './resolveOidcProviderOptions';

const minimal = {
  dataDir: 'data/oidc',
  resource: 'http://127.0.0.1:5002/datastore/abc',
  viewer: { redirectUris: ['http://127.0.0.1:3000/callback', 'http://localhost:3000/callback'] },
};

function errorOf(options: unknown): OidcProviderOptionsError {
  try {
    resolveOidcProviderOptions(options);
  } catch (error) {
    if (error instanceof OidcProviderOptionsError) return error;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveOidcProviderOptions', () => {
  it('applies the documented defaults', () => {
    expect(resolveOidcProviderOptions(minimal)).toEqual({
      host: '127.0.0.1',
      port: 0,
      issuer: undefined,
      dataDir: 'data/oidc',
      resource: 'http://127.0.0.1:5002/datastore/abc',
      accessTokenTtlSeconds: 300,
      refreshTokenTtlSeconds: 28800,
      idTokenTtlSeconds: 300,
      viewer: {
        redirectUris: minimal.viewer.redirectUris,
        postLogoutRedirectUris: [],
        allowedOrigins: ['http://127.0.0.1:3000', 'http://localhost:3000'],
      },
      importer: { clientSecret: 'dicom-importer-secret' },
      users: demoUsers,
      testControl: false,
      accessTokenShape: 'rfc9068',
      idpProfile: 'oidc',
    });
  });

  it('takes the ID token lifetime from the access token lifetime unless given', () => {
    expect(resolveOidcProviderOptions({ ...minimal, accessTokenTtlSeconds: 10 }).idTokenTtlSeconds).toBe(10);
    expect(
      resolveOidcProviderOptions({ ...minimal, accessTokenTtlSeconds: 10, idTokenTtlSeconds: 60 }).idTokenTtlSeconds,
    ).toBe(60);
  });

  it('keeps given users, clients and switches', () => {
    const resolved = resolveOidcProviderOptions({
      ...minimal,
      port: 5001,
      issuer: 'http://localhost:5001',
      viewer: { ...minimal.viewer, allowedOrigins: ['http://127.0.0.1:8080'] },
      importer: { clientSecret: 's3cret' },
      users: [{ username: 'alice', password: 'pw', groups: ['importers'] }],
      testControl: true,
      accessTokenShape: 'keycloak',
    });
    expect(resolved).toMatchObject({
      accessTokenShape: 'keycloak',
      port: 5001,
      issuer: 'http://localhost:5001',
      viewer: { allowedOrigins: ['http://127.0.0.1:8080'] },
      importer: { clientSecret: 's3cret' },
      users: [{ username: 'alice', password: 'pw', groups: ['importers'] }],
      testControl: true,
    });
  });

  it.each([
    [{ ...minimal, dataDir: undefined }, 'dataDir'],
    [{ ...minimal, resource: 'not a url' }, 'resource'],
    [{ ...minimal, resource: 'http://x/#frag' }, 'resource'],
    [{ ...minimal, viewer: { redirectUris: [] } }, 'viewer.redirectUris'],
    [{ ...minimal, viewer: { redirectUris: ['ftp://x/cb'] } }, 'viewer.redirectUris[0]'],
    [
      { ...minimal, viewer: { ...minimal.viewer, allowedOrigins: ['http://127.0.0.1:3000/'] } },
      'viewer.allowedOrigins[0]',
    ],
    [{ ...minimal, port: 70000 }, 'port'],
    [{ ...minimal, accessTokenTtlSeconds: 0 }, 'accessTokenTtlSeconds'],
    [{ ...minimal, issuer: 'http://127.0.0.1:5001?x=1' }, 'issuer'],
    [{ ...minimal, users: [{ username: 'a', password: 'b', groups: ['admins'] }] }, 'users[0].groups[0]'],
    [
      {
        ...minimal,
        users: [
          { username: 'a', password: 'b', groups: ['readers'] },
          { username: 'a', password: 'c', groups: ['readers'] },
        ],
      },
      'users[1].username',
    ],
    [{ ...minimal, testControl: 'yes' }, 'testControl'],
    [{ ...minimal, accessTokenShape: 'azure' }, 'accessTokenShape'],
    [{ ...minimal, idpProfile: 'azure' }, 'idpProfile'],
    [{ ...minimal, idpProfile: 'okta', accessTokenShape: 'okta' }, 'accessTokenShape'],
    [{ ...minimal, accessTokenTTL: 5 }, 'accessTokenTTL'],
  ])('names the wrong option (%#: %s)', (options, option) => {
    expect(errorOf(options).option).toBe(option);
  });
});
