import { startTestServer, type TestServer } from '../testing/startTestServer';
import { TokenRevocationClient } from './TokenRevocationClient';

// A real HTTP server on loopback plays the provider's RFC 7009 endpoint; what it answers is set per test.
let server: TestServer;
let answers: Array<{ status: number; body: string }>;
const warnings: string[] = [];
let warn: jest.SpyInstance;

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    const answer = answers.shift() ?? { status: 200, body: '' };
    response.writeHead(answer.status, { 'Content-Type': 'application/json' });
    response.end(answer.body);
  });
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  answers = [];
  warnings.length = 0;
  warn = jest.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
});

afterEach(() => warn.mockRestore());

function client(
  fetch: typeof globalThis.fetch = globalThis.fetch,
  endpoint: () => Promise<string | undefined> = async () => `${server.url}/revoke`,
) {
  return new TokenRevocationClient({ clientId: 'ohif-viewer', endpoint, fetch });
}

describe('TokenRevocationClient', () => {
  it('revokes the refresh token first, then the access token, with the fetch it was given', async () => {
    const sent: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      sent.push(String(input));
      return globalThis.fetch(input, init);
    };
    await client(fetch).revoke({ refresh_token: 'refresh-1', access_token: 'access-1' });
    expect(sent).toEqual([`${server.url}/revoke`, `${server.url}/revoke`]);
    expect(
      server.requests.map(request => [
        request.method,
        request.headers['content-type'],
        Object.fromEntries(new URLSearchParams(request.body)),
      ]),
    ).toEqual([
      [
        'POST',
        'application/x-www-form-urlencoded',
        { token: 'refresh-1', token_type_hint: 'refresh_token', client_id: 'ohif-viewer' },
      ],
      [
        'POST',
        'application/x-www-form-urlencoded',
        { token: 'access-1', token_type_hint: 'access_token', client_id: 'ohif-viewer' },
      ],
    ]);
    expect(warnings).toEqual([]);
  });

  it('skips a token the user does not have', async () => {
    await client().revoke({ refresh_token: undefined, access_token: 'access-1' });
    expect(server.requests.map(request => new URLSearchParams(request.body).get('token_type_hint'))).toEqual([
      'access_token',
    ]);
  });

  it('is quiet about unsupported_token_type (JWT access tokens) and warns about other refusals, never throwing', async () => {
    answers = [
      { status: 400, body: '{"error":"invalid_client"}' },
      { status: 400, body: '{"error":"unsupported_token_type"}' },
    ];
    await expect(client().revoke({ refresh_token: 'refresh-1', access_token: 'access-1' })).resolves.toBeUndefined();
    expect(warnings).toEqual(['OIDC session: revoking the refresh_token failed with status 400; signing out anyway']);
  });

  it('warns and goes on when the endpoint cannot be reached', async () => {
    const unreachable = client(globalThis.fetch, async () => 'http://127.0.0.1:1/revoke');
    await expect(unreachable.revoke({ refresh_token: 'refresh-1', access_token: 'access-1' })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^OIDC session: revoking the refresh_token failed \(.+\); signing out anyway$/);
  });

  it('sends nothing when the provider has no revocation endpoint, or its discovery fails', async () => {
    await client(globalThis.fetch, async () => undefined).revoke({ refresh_token: 'refresh-1' });
    await client(globalThis.fetch, () => Promise.reject(new Error('discovery failed'))).revoke({
      refresh_token: 'refresh-1',
    });
    expect(server.requests).toEqual([]);
    expect(warnings).toEqual([]);
  });
});
