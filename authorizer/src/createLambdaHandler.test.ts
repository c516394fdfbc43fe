import { createLambdaHandler } from './createLambdaHandler';
import type { DecisionLogEntry } from './decisionLog';
import { startJwksServer, type RunningJwksServer } from '../testing/jwksServer';
import { generateSigningKey, jwksOf, oidcAccessClaims, signToken } from '../testing/tokens';

const roles = {
  reader: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importer: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};
const datastoreId = '10ca1da7a5e0d1c0b0e00000000000a1';
const key = generateSigningKey('key-1');
let server: RunningJwksServer;
let lines: string[];
let consoleError: jest.SpyInstance;

beforeAll(async () => {
  server = await startJwksServer(jwksOf(key));
});
afterAll(() => server.close());
beforeEach(() => {
  lines = [];
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => consoleError.mockRestore());

const settingsJson = () =>
  JSON.stringify({
    provider: 'oidc',
    issuer: server.issuer,
    jwksUri: server.jwksUri,
    audiences: ['https://dicomweb.example.test'],
    roles,
    grants: [{ claim: 'groups', includes: 'importers', grant: 'write' }],
    datastoreId,
  });
const logger = (line: string) => lines.push(line);
const entries = () => lines.map(line => JSON.parse(line) as DecisionLogEntry);
const token = () => signToken(key, oidcAccessClaims(server.issuer, { groups: ['importers'] }));

it('authorizes with settings from AUTHORIZER_SETTINGS, fetching the JWKS once for warm-up and first request', async () => {
  const fetchesBefore = server.requests();
  const handler = createLambdaHandler({ AUTHORIZER_SETTINGS: settingsJson() }, { logger });
  const results = await Promise.all([
    handler({ datastoreId, operation: 'StoreDICOMStudy', bearerToken: token() }),
    handler({ datastoreId, operation: 'GetDICOMInstanceFrames', bearerToken: token() }),
  ]);
  expect(results).toEqual([
    { isTokenValid: true, roleArn: roles.importer },
    { isTokenValid: true, roleArn: roles.importer },
  ]);
  expect(server.requests()).toBe(fetchesBefore + 1);
  expect(entries().map(entry => entry.reason)).toEqual(['granted', 'granted']);
  expect(consoleError).not.toHaveBeenCalled();
});

it.each([
  ['missing', () => ({}), 'AUTHORIZER_SETTINGS is not set; it must hold the settings as JSON'],
  ['not JSON', () => ({ AUTHORIZER_SETTINGS: '{provider: oidc' }), 'AUTHORIZER_SETTINGS is not valid JSON'],
  [
    'a wrong role ARN',
    () => ({ AUTHORIZER_SETTINGS: settingsJson().replace(roles.reader, 'reader') }),
    'roles.reader must be an IAM role ARN like arn:aws:iam::123456789012:role/Name',
  ],
])('denies every request, naming the problem, when the settings are %s', async (_name, environment, problem) => {
  const handler = createLambdaHandler(environment(), { logger });
  expect(consoleError).toHaveBeenCalledWith(expect.stringContaining(problem));
  for (const operation of ['GetDICOMInstance', 'StoreDICOM']) {
    await expect(handler({ datastoreId, operation, bearerToken: token() })).resolves.toEqual({
      isTokenValid: false,
      roleArn: '',
    });
  }
  expect(entries()).toEqual([
    expect.objectContaining({
      decision: 'deny',
      reason: 'bad-settings',
      operation: 'GetDICOMInstance',
      detail: expect.stringContaining(problem),
    }),
    expect.objectContaining({
      decision: 'deny',
      reason: 'bad-settings',
      operation: 'StoreDICOM',
      detail: expect.stringContaining(problem),
    }),
  ]);
});
