import { htj2kFramesAccept } from 'ohif-healthimaging-contract';
import { FakeClock, waitFor } from '../testing/FakeClock';
import { createAuthorizedFetch, type AccessTokenSource } from './createAuthorizedFetch';
import { createViewerRetryPolicy } from './viewerRetryPolicy';
import { startTestServer, type TestServer } from '../testing/startTestServer';

// The token lifecycle is not under test here (see createAuthorizedFetch.session.test.ts, which uses the real
// session and identity provider): a source whose token changes on each refresh stands in for it. Like the session,
// it does not refresh for the rejection of a token that a rejection's refresh just gave, but reports it.
function rotatingTokens(): AccessTokenSource & { refreshes: number; reports: number } {
  let refreshedForRejection: string | undefined;
  const source = {
    refreshes: 0,
    reports: 0,
    getAccessToken: () => `token-${source.refreshes}`,
    refresh: async () => {
      source.refreshes++;
    },
    refreshAfterRejection: async (rejected: string | undefined) => {
      if (rejected !== undefined && rejected === refreshedForRejection) {
        source.reports++;
        throw new Error('tokens rejected');
      }
      await source.refresh();
      refreshedForRejection = source.getAccessToken();
    },
  };
  return source;
}

const frameUrlPath = '/datastore/0123/studies/1/series/2/instances/3/frames/1';
let server: TestServer;
let answers: Array<{ status: number; body?: string; headers?: Record<string, string> }>;

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    const answer = answers.shift() ?? { status: 200, body: 'ok' };
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body ?? '');
  });
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  answers = [];
});

function setup(throttling = {}) {
  const clock = new FakeClock();
  const tokens = rotatingTokens();
  const authorizedFetch = createAuthorizedFetch({
    session: tokens,
    clock,
    fetch: globalThis.fetch,
    policy: createViewerRetryPolicy({ throttling, random: () => 1 }),
  });
  return { clock, tokens, authorizedFetch };
}

describe('createAuthorizedFetch', () => {
  it('sends the current bearer token, replacing one the caller set', async () => {
    const { authorizedFetch } = setup();
    const response = await authorizedFetch(`${server.url}/x`, {
      headers: { Authorization: 'Bearer stale', Accept: 'application/dicom+json' },
    });
    expect(await response.text()).toBe('ok');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-0');
    expect(server.requests[0]?.headers.accept).toBe('application/dicom+json');
  });

  it.each([
    ['401', { status: 401 }],
    ['403 Invalid or Expired Token', { status: 403, body: '{"message":"Invalid or Expired Token"}' }],
  ])(
    'on %s refreshes and retries exactly once with the new token',
    async (_case, refusal: { status: number; body?: string }) => {
      const { authorizedFetch, tokens } = setup();
      answers = [refusal, refusal];
      const response = await authorizedFetch(`${server.url}/x`);
      expect(response.status).toBe(refusal.status);
      expect(tokens.refreshes).toBe(1);
      // The fresh token refused too: handed to the session to report, not refreshed again.
      expect(tokens.reports).toBe(1);
      expect(server.requests.map(request => request.headers.authorization)).toEqual([
        'Bearer token-0',
        'Bearer token-1',
      ]);
      // The refusal body is still readable by the caller: it was read from a clone.
      expect(await response.text()).toBe(refusal.body ?? '');
    },
  );

  it('rewrites the URL of every attempt, retries included', async () => {
    const clock = new FakeClock();
    const authorizedFetch = createAuthorizedFetch({
      session: rotatingTokens(),
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
      rewriteUrl: url => `${url}${url.includes('?') ? '&' : '?'}imageSetId=abc`,
    });
    answers = [{ status: 401 }];
    const response = await authorizedFetch(
      new Request(`${server.url}/x?limit=2`, { headers: { Accept: 'application/dicom+json' } }),
    );
    expect(response.status).toBe(200);
    expect(server.requests.map(request => request.url)).toEqual([
      '/x?limit=2&imageSetId=abc',
      '/x?limit=2&imageSetId=abc',
    ]);
    expect(server.requests[1]?.headers.accept).toBe('application/dicom+json');
  });

  it('waits for the pacer before every attempt at a paced URL, retries included, and never for others', async () => {
    const paced: string[] = [];
    const authorizedFetch = createAuthorizedFetch({
      session: rotatingTokens(),
      clock: new FakeClock(),
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy(),
      rewriteUrl: url => `${url}?imageSetId=abc`,
      pacing: {
        covers: url => url.includes('/frames/'),
        take: async url => {
          paced.push(`${url.replace(server.url, '')} before request ${server.requests.length + 1}`);
        },
        throttled: () => undefined,
      },
    });
    answers = [{ status: 401 }];
    expect((await authorizedFetch(`${server.url}${frameUrlPath}`)).status).toBe(200);
    expect((await authorizedFetch(`${server.url}/datastore/0123/studies`)).status).toBe(200);
    // The pacer sees the URL as the viewer asked for it (the one cornerstone's pool knows), not the rewritten one.
    expect(paced).toEqual([`${frameUrlPath} before request 1`, `${frameUrlPath} before request 2`]);
  });

  it('never gives up on a paced request that keeps being throttled: it tells the pacer and goes back in the queue', async () => {
    const clock = new FakeClock();
    const throttles: Array<number | undefined> = [];
    let takes = 0;
    const authorizedFetch = createAuthorizedFetch({
      session: rotatingTokens(),
      clock,
      fetch: globalThis.fetch,
      policy: createViewerRetryPolicy({
        throttling: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 100 },
        random: () => 1,
      }),
      pacing: {
        covers: () => true,
        take: async () => {
          takes++;
        },
        throttled: retryAfter => throttles.push(retryAfter),
      },
    });
    answers = [
      { status: 429, headers: { 'Retry-After': '2' } },
      ...Array.from({ length: 7 }, () => ({ status: 429 })),
      { status: 503 },
    ];
    const pending = authorizedFetch(`${server.url}${frameUrlPath}`);
    // Past the policy's 3 attempts each retry first waits the policy's backoff (100 ms here) on the clock.
    for (let i = 0; i < 20 && server.requests.length < 10; i++) {
      await waitFor(() => clock.pendingCount === 1 || server.requests.length >= 10, 'a backoff or the last request');
      await clock.advance(100);
    }
    const response = await pending;
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(10);
    expect(takes).toBe(10);
    expect(throttles).toEqual([2000, ...Array.from({ length: 8 }, () => undefined)]);
  });

  it('does not retry a 403 Access Denied, and hands its body over intact', async () => {
    const { authorizedFetch, tokens } = setup();
    answers = [{ status: 403, body: '{"message":"Access Denied"}' }];
    const response = await authorizedFetch(`${server.url}/x`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Access Denied' });
    expect(tokens.refreshes).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After (seconds) asks on 429, then retries', async () => {
    const { authorizedFetch, clock } = setup();
    answers = [{ status: 429, body: 'Too many requests', headers: { 'Retry-After': '7' } }];
    const pending = authorizedFetch(`${server.url}/x`);
    await waitFor(() => clock.pendingCount === 1, 'the Retry-After wait');
    expect(clock.nextDelay()).toBe(7000);
    expect(server.requests).toHaveLength(1);
    await clock.advance(7000);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { authorizedFetch, clock } = setup();
    const retryAt = Math.ceil((clock.now() + 4000) / 1000) * 1000;
    answers = [{ status: 429, headers: { 'Retry-After': new Date(retryAt).toUTCString() } }];
    const pending = authorizedFetch(`${server.url}/x`);
    await waitFor(() => clock.pendingCount === 1, 'the Retry-After wait');
    expect(clock.nextDelay()).toBe(retryAt - clock.now());
    await clock.advance(clock.nextDelay() ?? 0);
    expect((await pending).status).toBe(200);
  });

  it('backs off on 503 with waits bounded by maxDelayMs, and gives up after maxAttempts', async () => {
    const { authorizedFetch, clock } = setup({ maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 2500 });
    answers = Array.from({ length: 4 }, () => ({ status: 503, body: 'unavailable' }));
    const pending = authorizedFetch(`${server.url}/x`);
    // random() is 1, the top of each full-jitter range: 1 s, 2 s, then 4 s capped at 2.5 s.
    for (const expected of [1000, 2000, 2500]) {
      await waitFor(() => clock.pendingCount === 1, `the ${expected} ms wait`);
      expect(clock.nextDelay()).toBe(expected);
      await clock.advance(expected);
    }
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('unavailable');
    expect(server.requests).toHaveLength(4);
  });

  it('retries 408 Authorizer Timeout with backoff', async () => {
    const { authorizedFetch, clock } = setup();
    answers = [{ status: 408, body: '{"message":"Authorizer Timeout"}' }];
    const pending = authorizedFetch(`${server.url}/x`);
    await waitFor(() => clock.pendingCount === 1, 'the backoff wait');
    await clock.advance(clock.nextDelay() ?? 0);
    expect((await pending).status).toBe(200);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    const { authorizedFetch, clock } = setup({ maxDelayMs: 5000 });
    answers = [{ status: 429, headers: { 'Retry-After': '3600' } }];
    const pending = authorizedFetch(`${server.url}/x`);
    await waitFor(() => clock.pendingCount === 1, 'the wait');
    expect(clock.nextDelay()).toBe(5000);
    await clock.advance(5000);
    expect((await pending).status).toBe(200);
  });

  it('stops waiting when the caller aborts, leaving no timer behind', async () => {
    const { authorizedFetch, clock } = setup();
    answers = [{ status: 429, headers: { 'Retry-After': '30' } }];
    const controller = new AbortController();
    const pending = authorizedFetch(`${server.url}/x`, { signal: controller.signal });
    await waitFor(() => clock.pendingCount === 1, 'the wait');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(clock.pendingCount).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('answers a 406 to an HTJ2K frames request with one retry asking for any transfer syntax', async () => {
    const { authorizedFetch } = setup();
    answers = [{ status: 406 }, { status: 406 }];
    const response = await authorizedFetch(`${server.url}${frameUrlPath}`, { headers: { Accept: htj2kFramesAccept } });
    expect(response.status).toBe(406);
    expect(server.requests.map(request => request.headers.accept)).toEqual([
      htj2kFramesAccept,
      'multipart/related; type=application/octet-stream; transfer-syntax=*',
    ]);
  });

  it('does not fall back on 406 for other requests', async () => {
    const { authorizedFetch } = setup();
    answers = [{ status: 406 }];
    const response = await authorizedFetch(`${server.url}/datastore/0123/studies`, {
      headers: { Accept: htj2kFramesAccept },
    });
    expect(response.status).toBe(406);
    expect(server.requests).toHaveLength(1);
  });

  it('passes other statuses through untouched', async () => {
    const { authorizedFetch } = setup();
    answers = [{ status: 404, body: 'not here' }];
    const response = await authorizedFetch(`${server.url}/x`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('not here');
    expect(server.requests).toHaveLength(1);
  });

  it('leaves a successful body streaming to the caller', async () => {
    const { authorizedFetch } = setup();
    const body = 'x'.repeat(1_000_000);
    answers = [{ status: 200, body }];
    const response = await authorizedFetch(`${server.url}/x`);
    expect(response.bodyUsed).toBe(false);
    const reader = response.body?.getReader();
    let length = 0;
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      length += chunk.value.byteLength;
    }
    expect(length).toBe(body.length);
  });

  it('resends a request body on a retry', async () => {
    const { authorizedFetch } = setup();
    answers = [{ status: 401 }];
    const response = await authorizedFetch(`${server.url}/x`, { method: 'POST', body: 'payload' });
    expect(response.status).toBe(200);
    expect(server.requests.map(request => request.body)).toEqual(['payload', 'payload']);
  });
});
