/**
 * @jest-environment ./extension/src/testing/browserEnvironment.js
 * @jest-environment-options {"url": "http://127.0.0.1:3998/viewer"}
 */
// The real session signed in at the real local identity provider; a real HTTP server plays HealthImaging refusing
// a token the way it does when the token has expired on its side.
import { rejectedTokenBackoffMs, type OidcSession, type RejectedTokensReport } from '../auth/OidcSession';
import { SessionControls } from '../session/SessionControls';
import { FakeClock } from '../testing/FakeClock';
import { startLocalProvider, type LocalProvider } from '../testing/localProvider';
import { localProviderSettings, signedInSession } from '../testing/signedInSession';
import { createAuthorizedFetch } from './createAuthorizedFetch';
import { createViewerRetryPolicy } from './viewerRetryPolicy';
import { startTestServer, type TestServer } from '../testing/startTestServer';

jest.setTimeout(60_000);

const viewerOrigin = 'http://127.0.0.1:3998';
let provider: LocalProvider;
let server: TestServer;
let session: OidcSession;
let clock: FakeClock;
const refusedTokens = new Set<string>();
/** Every token refused, as by an authorizer configured for another issuer or audience. */
let refuseEveryToken = false;
let refusal = { status: 403, body: '{"message":"Invalid or Expired Token"}' };

beforeAll(async () => {
  provider = await startLocalProvider(viewerOrigin);
  server = await startTestServer((request, response) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (refuseEveryToken || refusedTokens.has(token)) {
      response.writeHead(refusal.status, { 'Content-Type': 'application/json' });
      response.end(refusal.body);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/dicom+json' });
    response.end('[]');
  });
  clock = new FakeClock();
  ({ session } = await signedInSession(localProviderSettings(provider.issuer, viewerOrigin), clock));
});

afterAll(async () => {
  await session.dispose();
  await server.close();
  await provider.close();
});

describe('createAuthorizedFetch with the real session', () => {
  it.each([
    ['403 Invalid or Expired Token', { status: 403, body: '{"message":"Invalid or Expired Token"}' }],
    ['401', { status: 401, body: '{"message":"Unauthorized"}' }],
  ])(
    'turns 100 concurrent %s refusals into exactly one token request and 100 successful retries',
    async (_case, answer) => {
      // Each case starts past the backoff of rejected fresh tokens (the previous case's refresh was one).
      await clock.advance(rejectedTokenBackoffMs);
      refusal = answer;
      const oldToken = session.getAccessToken() ?? '';
      refusedTokens.add(oldToken);
      server.requests.length = 0;
      const refreshesBefore = (await provider.tokenRequests()).refresh_token ?? 0;
      const authorizedFetch = createAuthorizedFetch({
        session,
        clock,
        fetch: globalThis.fetch,
        policy: createViewerRetryPolicy(),
      });

      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, index) => authorizedFetch(`${server.url}/datastore/d/studies?index=${index}`)),
      );

      expect(responses.map(response => response.status)).toEqual(Array(100).fill(200));
      expect((await provider.tokenRequests()).refresh_token).toBe(refreshesBefore + 1);
      const newToken = session.getAccessToken();
      expect(newToken).not.toBe(oldToken);
      const sentWith = server.requests.map(request => request.headers.authorization);
      expect(sentWith.filter(header => header === `Bearer ${oldToken}`)).toHaveLength(100);
      expect(sentWith.filter(header => header === `Bearer ${newToken}`)).toHaveLength(100);
    },
  );

  it('retries every request of a storm that comes seconds after new tokens, with one token request', async () => {
    // Tokens seconds old (a scheduled refresh just now, as after a sign-in), refused at once by every request
    // carrying them. Only a token that a rejection-caused refresh brought may meet the backoff: the storm's other
    // requests, refused while its refresh runs, wait for that refresh.
    await clock.advance(rejectedTokenBackoffMs);
    await session.refresh();
    refusal = { status: 403, body: '{"message":"Invalid or Expired Token"}' };
    const oldToken = session.getAccessToken() ?? '';
    refusedTokens.add(oldToken);
    const refreshesBefore = (await provider.tokenRequests()).refresh_token ?? 0;
    const authorizedFetch = createAuthorizedFetch({
      session,
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
    });

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => authorizedFetch(`${server.url}/datastore/d/studies?index=${index}`)),
    );

    expect(responses.map(response => response.status)).toEqual(Array(50).fill(200));
    expect((await provider.tokenRequests()).refresh_token).toBe(refreshesBefore + 1);
    expect(session.getAccessToken()).not.toBe(oldToken);
  });

  it('under permanent rejection of every token, 200 sequential requests cost at most 3 token requests, and say why', async () => {
    await clock.advance(rejectedTokenBackoffMs);
    refusal = { status: 403, body: '{"message":"Invalid or Expired Token"}' };
    refuseEveryToken = true;
    const reports: RejectedTokensReport[] = [];
    const unsubscribe = session.on('tokens-rejected', report => reports.push(report));
    // The page's session controls, which show the banner.
    new SessionControls(document, session);
    const refreshesBefore = (await provider.tokenRequests()).refresh_token ?? 0;
    const authorizedFetch = createAuthorizedFetch({
      session,
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
    });
    try {
      for (let index = 0; index < 200; index++) {
        const response = await authorizedFetch(`${server.url}/datastore/d/studies?index=${index}`);
        expect(response.status).toBe(403);
        await clock.advance(100); // 200 requests over 20 s
      }
    } finally {
      refuseEveryToken = false;
      unsubscribe();
    }
    const refreshes = ((await provider.tokenRequests()).refresh_token ?? 0) - refreshesBefore;
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(3);
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.at(-1)?.claims.iss).toBe(provider.issuer);
    const banner = document.getElementById('healthimaging-tokens-rejected');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.textContent).toContain(`issuer ${provider.issuer}`);
    expect(banner?.textContent).toContain('client ohif-viewer');
    expect(banner?.textContent).toMatch(/authorizer is configured for another issuer, audience or client id/);
  });

  it('says why at once when a single request is refused with the old and the fresh token', async () => {
    await clock.advance(rejectedTokenBackoffMs);
    refusal = { status: 403, body: '{"message":"Invalid or Expired Token"}' };
    refuseEveryToken = true;
    const reports: RejectedTokensReport[] = [];
    const unsubscribe = session.on('tokens-rejected', report => reports.push(report));
    const refreshesBefore = (await provider.tokenRequests()).refresh_token ?? 0;
    const authorizedFetch = createAuthorizedFetch({
      session,
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
    });
    try {
      expect((await authorizedFetch(`${server.url}/datastore/d/studies`)).status).toBe(403);
    } finally {
      refuseEveryToken = false;
      unsubscribe();
    }
    expect(((await provider.tokenRequests()).refresh_token ?? 0) - refreshesBefore).toBe(1);
    expect(reports).toHaveLength(1);
  });

  it('does not refresh for a 403 Access Denied', async () => {
    await clock.advance(rejectedTokenBackoffMs);
    refusal = { status: 403, body: '{"message":"Access Denied"}' };
    refusedTokens.add(session.getAccessToken() ?? '');
    const refreshesBefore = (await provider.tokenRequests()).refresh_token ?? 0;
    const authorizedFetch = createAuthorizedFetch({
      session,
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
    });
    const response = await authorizedFetch(`${server.url}/datastore/d/studies`);
    expect(response.status).toBe(403);
    expect((await provider.tokenRequests()).refresh_token ?? 0).toBe(refreshesBefore);
  });
});
