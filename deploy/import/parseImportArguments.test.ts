import { parseImportArguments } from './parseImportArguments';

const endpoint = 'http://127.0.0.1:5002/datastore/local';

test('an endpoint and client credentials (secret from the environment) with defaults', () => {
  expect(
    parseImportArguments(
      ['./dicom', '--endpoint', `${endpoint}/`, '--issuer', 'http://127.0.0.1:5001', '--client-id', 'dicom-importer'],
      { IMPORT_CLIENT_SECRET: 's3cret' },
    ),
  ).toEqual({
    folder: './dicom',
    dicomwebUrl: endpoint,
    credentials: {
      kind: 'client-credentials',
      issuer: 'http://127.0.0.1:5001',
      clientId: 'dicom-importer',
      clientSecret: 's3cret',
    },
    batch: { maxFiles: 50, maxBytes: 100 * 1024 * 1024 },
    retry: { maxRetries: 6 },
    json: false,
  });
});

test('region and datastore id give the HealthImaging DICOMweb root; a token from the environment; options', () => {
  const command = parseImportArguments(
    [
      'd',
      '--region',
      'eu-west-1',
      '--datastore-id',
      '0123456789abcdef0123456789abcdef',
      '--batch-files',
      '10',
      '--batch-mb',
      '20',
      '--max-retries',
      '0',
      '--json',
    ],
    { IMPORT_ACCESS_TOKEN: ' eyJ.token \n' },
  );
  expect(command).toMatchObject({
    dicomwebUrl: 'https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/0123456789abcdef0123456789abcdef',
    credentials: { kind: 'token', token: 'eyJ.token' },
    batch: { maxFiles: 10, maxBytes: 20 * 1024 * 1024 },
    retry: { maxRetries: 0 },
    json: true,
  });
  expect(parseImportArguments(['--help'], {})).toBe('help');
});

test('a person signing in: a public client and the loopback port', () => {
  const command = parseImportArguments(
    [
      'd',
      '--endpoint',
      endpoint,
      '--sign-in',
      '--issuer',
      'http://127.0.0.1:5001',
      '--client-id',
      'ohif-viewer',
      '--scope',
      'openid',
      '--redirect-port',
      '9000',
    ],
    {},
  );
  expect(command).toMatchObject({
    credentials: {
      kind: 'sign-in',
      issuer: 'http://127.0.0.1:5001',
      clientId: 'ohif-viewer',
      scope: 'openid',
      redirectPort: 9000,
    },
  });
});

test.each([
  [[], {}, '<folder> must be given exactly once (got none)'],
  [['a', 'b', '--endpoint', endpoint], {}, '<folder> must be given exactly once (got a, b)'],
  [['d', '--token-file', 't'], {}, '--endpoint or --region with --datastore-id is required'],
  [
    ['d', '--endpoint', 'http://host/dicom-web', '--token-file', 't'],
    {},
    '--endpoint must be a DICOMweb root ending in /datastore/<id>',
  ],
  [['d', '--endpoint', endpoint, '--region', 'eu-west-1', '--token-file', 't'], {}, 'cannot be combined with --region'],
  [
    ['d', '--region', 'Europe', '--datastore-id', 'x', '--token-file', 't'],
    {},
    '--region must be an AWS region such as eu-west-1',
  ],
  [
    ['d', '--region', 'eu-west-1', '--datastore-id', 'abc', '--token-file', 't'],
    {},
    '--datastore-id must be a HealthImaging datastore id',
  ],
  [['d', '--endpoint', endpoint], {}, 'credentials are required'],
  [
    ['d', '--endpoint', endpoint, '--token-file', 't'],
    { IMPORT_ACCESS_TOKEN: 'x' },
    'credentials are given more than once',
  ],
  [['d', '--endpoint', endpoint, '--issuer', 'http://idp'], {}, '--client-id is required with --issuer'],
  [
    ['d', '--endpoint', endpoint, '--issuer', 'http://idp', '--client-id', 'c'],
    {},
    '--client-secret or the environment variable IMPORT_CLIENT_SECRET is required',
  ],
  [['d', '--endpoint', endpoint, '--sign-in', '--issuer', 'http://idp'], {}, '--client-id is required with --sign-in'],
  [
    ['d', '--endpoint', endpoint, '--sign-in', '--issuer', 'http://idp', '--client-id', 'c', '--client-secret', 's'],
    {},
    '--client-secret has no use with --sign-in',
  ],
  [
    ['d', '--endpoint', endpoint, '--sign-in', '--issuer', 'http://idp', '--client-id', 'c', '--redirect-port', 'x'],
    {},
    '--redirect-port must be a whole number',
  ],
  [
    ['d', '--endpoint', endpoint, '--token-file', 't', '--batch-files', '0'],
    {},
    '--batch-files must be a whole number ≥ 1, got "0"',
  ],
  [
    ['d', '--endpoint', endpoint, '--token-file', 't', '--batch-mb', '1.5'],
    {},
    '--batch-mb must be a whole number ≥ 1, got "1.5"',
  ],
  [['d', '--endpoint', endpoint, '--token-file', 't', '--frobnicate'], {}, "Unknown option '--frobnicate'"],
])('%j is refused: %s', (argv, env, message) => {
  expect(() => parseImportArguments(argv as string[], env as NodeJS.ProcessEnv)).toThrow(message as string);
});
