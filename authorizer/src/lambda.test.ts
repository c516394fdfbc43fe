import type { AuthorizerResult } from './AuthorizerEvent';
import { startJwksServer, type RunningJwksServer } from '../testing/jwksServer';
import { generateSigningKey, jwksOf, nowSeconds, oidcAccessClaims, signToken } from '../testing/tokens';

const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};
const datastoreId = '10ca1da7a5e0d1c0b0e00000000000a1';
const key = generateSigningKey('key-1');
let server: RunningJwksServer;

beforeAll(async () => {
  server = await startJwksServer(jwksOf(key));
});
afterAll(() => server.close());

/** Loads lambda.ts as Lambda does at cold start: a fresh module reading the environment it finds. */
async function coldStart(settings: string | undefined): Promise<(event: unknown) => Promise<AuthorizerResult>> {
  const saved = process.env.AUTHORIZER_SETTINGS;
  if (settings === undefined) delete process.env.AUTHORIZER_SETTINGS;
  else process.env.AUTHORIZER_SETTINGS = settings;
  try {
    let handler: ((event: unknown) => Promise<AuthorizerResult>) | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ handler } = await import('./lambda'));
    });
    return handler as (event: unknown) => Promise<AuthorizerResult>;
  } finally {
    if (saved === undefined) delete process.env.AUTHORIZER_SETTINGS;
    else process.env.AUTHORIZER_SETTINGS = saved;
  }
}

it('exports a handler that decides events end to end and logs JSON lines with console.info', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  try {
    const handler = await coldStart(
      JSON.stringify({
        provider: 'oidc',
        issuer: server.issuer,
        jwksUri: server.jwksUri,
        audiences: ['https://dicomweb.example.test'],
        roles,
        grants: [
          { claim: 'groups', includes: 'readers', grant: 'read' },
          { claim: 'groups', includes: 'importers', grant: 'write' },
        ],
        datastoreId,
      }),
    );
    const reader = signToken(key, oidcAccessClaims(server.issuer));
    await expect(handler({ datastoreId, operation: 'GetDICOMInstanceFrames', bearerToken: reader })).resolves.toEqual({
      isTokenValid: true,
      roleArn: roles.reader,
    });
    await expect(handler({ datastoreId, operation: 'StoreDICOM', bearerToken: reader })).resolves.toEqual({
      isTokenValid: true,
      roleArn: '',
    });
    const expired = signToken(key, oidcAccessClaims(server.issuer, { exp: nowSeconds() - 1 }));
    await expect(handler({ datastoreId, operation: 'GetDICOMInstance', bearerToken: expired })).resolves.toEqual({
      isTokenValid: false,
      roleArn: '',
    });
    const logged = info.mock.calls.map(([line]) => JSON.parse(line as string).reason);
    expect(logged).toEqual(['granted', 'no-write-grant', 'expired']);
  } finally {
    info.mockRestore();
  }
});

it('does not throw at cold start without settings; it denies', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const handler = await coldStart(undefined);
    await expect(handler({ datastoreId, operation: 'GetDICOMInstance', bearerToken: 'a.b.c' })).resolves.toEqual({
      isTokenValid: false,
      roleArn: '',
    });
    expect(JSON.parse(info.mock.calls[0]?.[0] as string)).toMatchObject({ reason: 'bad-settings' });
  } finally {
    info.mockRestore();
    error.mockRestore();
  }
});

it('names the environment variable and the key when the settings are wrong', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const handler = await coldStart(JSON.stringify({ provider: 'oidc', issuer: 'http://login.example.test' }));
    await handler({ datastoreId, operation: 'GetDICOMInstance', bearerToken: 'a.b.c' });
    expect(JSON.parse(info.mock.calls[0]?.[0] as string)).toMatchObject({
      reason: 'bad-settings',
      detail:
        'authorizer environment AUTHORIZER_SETTINGS: issuer must be an https:// URL (http:// only on 127.0.0.1 or localhost), got "http://login.example.test"',
    });
  } finally {
    info.mockRestore();
    error.mockRestore();
  }
});
