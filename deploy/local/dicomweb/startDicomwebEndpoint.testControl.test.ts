import type { RequestLogEntry } from './DicomwebEndpointOptions';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { createTestAuth } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId, viewerOrigin } from './testing/testEndpoint';
import { createTestStore } from './testing/testStore';

let fixture: Awaited<ReturnType<typeof createTestStore>>;
const auth = createTestAuth();
const running: RunningEndpoint[] = [];
const root = `/datastore/${testDatastoreId}`;

beforeAll(async () => {
  fixture = await createTestStore();
});

afterAll(async () => {
  await Promise.all(running.map(endpoint => endpoint.close()));
  await fixture.remove();
});

async function endpointWith(overrides: Parameters<typeof startTestEndpoint>[2] = {}) {
  const endpoint = await startTestEndpoint(fixture.store, auth.authorize, overrides);
  running.push(endpoint);
  return endpoint;
}

const metadataPath = () =>
  `${root}/studies/${fixture.brain[0]!.studyUid}/series/${fixture.brain[0]!.seriesUid}/metadata`;

describe('retrieve throttle', () => {
  it('answers 429 Too many requests with Retry-After once a burst empties the bucket, over real HTTP', async () => {
    const endpoint = await endpointWith({ throttle: { ratePerSecond: 0.1, burst: 5 } });
    const token = auth.tokenFor('readers');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => call(endpoint, metadataPath(), { token, origin: viewerOrigin })),
    );
    const statuses = responses.map(response => response.status);
    expect(statuses.filter(status => status === 200)).toHaveLength(5);
    expect(statuses.filter(status => status === 429)).toHaveLength(7);
    const throttled = responses.find(response => response.status === 429)!;
    expect(throttled.json()).toEqual({ message: 'Too many requests' });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The browser may read Retry-After only if it is exposed.
    expect(throttled.headers.get('access-control-expose-headers')).toContain('Retry-After');
    // Searches are not retrieve operations: not throttled.
    expect((await call(endpoint, `${root}/studies`, { token })).status).toBe(200);
    expect(endpoint.stats().throttled).toBe(7);
  });

  it('can be switched off and on while running', async () => {
    const endpoint = await endpointWith({ throttle: false });
    const token = auth.tokenFor('readers');
    const unthrottled = await Promise.all(Array.from({ length: 8 }, () => call(endpoint, metadataPath(), { token })));
    expect(unthrottled.every(response => response.status === 200)).toBe(true);
    endpoint.setKnobs({ throttle: { ratePerSecond: 0.1, burst: 1 } });
    const statuses = [
      (await call(endpoint, metadataPath(), { token })).status,
      (await call(endpoint, metadataPath(), { token })).status,
    ];
    expect(statuses).toEqual([200, 429]);
  });
});

describe('CORS', () => {
  it('answers an allowed preflight without a token', async () => {
    const endpoint = await endpointWith();
    const response = await call(endpoint, `${root}/studies/1.2.3/series/4.5.6/instances/7.8.9/frames/1`, {
      method: 'OPTIONS',
      origin: viewerOrigin,
      headers: { 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,accept' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(viewerOrigin);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Accept, Content-Type');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(endpoint.stats()).toMatchObject({ preflights: 1, requests: 0 });
  });

  it('refuses a preflight from another origin', async () => {
    const endpoint = await endpointWith();
    const response = await call(endpoint, `${root}/studies`, {
      method: 'OPTIONS',
      origin: 'http://evil.test',
      headers: { 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origin on answers, errors included, so the viewer can read a 403', async () => {
    const endpoint = await endpointWith();
    const ok = await call(endpoint, `${root}/studies`, { token: auth.tokenFor('readers'), origin: viewerOrigin });
    const refused = await call(endpoint, `${root}/studies`, { origin: viewerOrigin });
    for (const response of [ok, refused]) {
      expect(response.headers.get('access-control-allow-origin')).toBe(viewerOrigin);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'Content-Type, Content-Length, Retry-After, Content-Location',
      );
    }
    expect(refused.status).toBe(403);
    const other = await call(endpoint, `${root}/studies`, {
      token: auth.tokenFor('readers'),
      origin: 'http://evil.test',
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('knobs and stats', () => {
  it('forces the next N matching requests to fail (setKnobs), counting them', async () => {
    const endpoint = await endpointWith();
    const token = auth.tokenFor('readers');
    endpoint.setKnobs({
      failNext: { count: 2, status: 403, message: 'Invalid or Expired Token', operations: ['GetDICOMSeriesMetadata'] },
    });
    expect((await call(endpoint, `${root}/studies`, { token })).status).toBe(200);
    const forced = await call(endpoint, metadataPath(), { token });
    expect([forced.status, forced.json()]).toEqual([403, { message: 'Invalid or Expired Token' }]);
    expect((await call(endpoint, metadataPath(), { token })).status).toBe(403);
    expect((await call(endpoint, metadataPath(), { token })).status).toBe(200);
    expect(endpoint.stats().forcedFailures).toBe(2);
    expect(endpoint.knobs().failNext).toBeNull();
  });

  it('adds latency to each request', async () => {
    const entries: RequestLogEntry[] = [];
    const endpoint = await endpointWith({ addedLatencyMs: 60, onRequest: entry => entries.push(entry) });
    await call(endpoint, `${root}/studies`, { token: auth.tokenFor('readers') });
    expect(entries[0]?.durationMs).toBeGreaterThanOrEqual(59);
  });

  it('serves without token checks or authorizer while skipAuthorization is on, and checks again once it is off', async () => {
    let authorizerCalls = 0;
    const endpoint = await endpointWith({ authorize: event => (authorizerCalls++, auth.authorize(event)) });
    endpoint.setKnobs({ skipAuthorization: true });
    expect((await call(endpoint, metadataPath())).status).toBe(200);
    expect((await call(endpoint, metadataPath(), { token: 'not-a-jwt' })).status).toBe(200);
    expect(authorizerCalls).toBe(0);
    endpoint.setKnobs({ skipAuthorization: false });
    expect((await call(endpoint, metadataPath())).status).toBe(403);
    expect((await call(endpoint, metadataPath(), { token: auth.tokenFor('readers') })).status).toBe(200);
    expect(authorizerCalls).toBe(1);
  });

  it('counts requests by operation and status, with and without a bearer token', async () => {
    const endpoint = await endpointWith();
    const token = auth.tokenFor('readers');
    await call(endpoint, `${root}/studies`, { token });
    await call(endpoint, `${root}/studies`);
    await call(endpoint, metadataPath(), { token });
    await call(endpoint, `${root}/nowhere`, { token });
    expect(endpoint.stats()).toEqual({
      requests: 4,
      byOperation: {
        SearchDICOMStudies: {
          requests: 2,
          byStatus: { '200': 1, '403': 1 },
          withBearerToken: 1,
          withoutBearerToken: 1,
        },
        GetDICOMSeriesMetadata: { requests: 1, byStatus: { '200': 1 }, withBearerToken: 1, withoutBearerToken: 0 },
        Unmatched: { requests: 1, byStatus: { '404': 1 }, withBearerToken: 1, withoutBearerToken: 0 },
      },
      byStatus: { '200': 2, '403': 1, '404': 1 },
      preflights: 0,
      forcedFailures: 0,
      throttled: 0,
    });
    endpoint.resetStats();
    expect(endpoint.stats().requests).toBe(0);
  });

  it('serves /__local/stats, /__local/stats/reset and /__local/knobs without a token when testControl is on', async () => {
    const endpoint = await endpointWith({ testControl: true });
    const token = auth.tokenFor('readers');
    const knobs = await call(endpoint, '/__local/knobs', {
      method: 'POST',
      origin: viewerOrigin,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from(
        JSON.stringify({ failNext: { count: 1, status: 503, message: 'Service Unavailable' }, throttle: false }),
      ),
    });
    expect(knobs.status).toBe(200);
    expect(knobs.headers.get('access-control-allow-origin')).toBe(viewerOrigin);
    expect(knobs.json()).toEqual({
      addedLatencyMs: 0,
      throttle: false,
      failNext: { count: 1, status: 503, message: 'Service Unavailable' },
      expireTokensIssuedBefore: null,
      skipAuthorization: false,
    });
    expect((await call(endpoint, `${root}/studies`, { token })).status).toBe(503);
    const stats = (await call(endpoint, '/__local/stats')).json() as { requests: number; forcedFailures: number };
    expect(stats).toMatchObject({ requests: 1, forcedFailures: 1 });
    expect((await call(endpoint, '/__local/stats/reset', { method: 'POST' })).json()).toMatchObject({ requests: 0 });

    const bad = await call(endpoint, '/__local/knobs', { method: 'POST', body: Buffer.from('{"latency": 5}') });
    expect([bad.status, bad.json()]).toEqual([400, { message: expect.stringContaining('unknown knob "latency"') }]);
    expect((await call(endpoint, '/__local/knobs', { method: 'POST', body: Buffer.from('{') })).status).toBe(400);
    expect((await call(endpoint, '/__local/stats', { method: 'POST' })).status).toBe(405);
  });

  it('has no /__local routes when testControl is off', async () => {
    const endpoint = await endpointWith();
    expect((await call(endpoint, '/__local/stats')).status).toBe(404);
    expect(
      (await call(endpoint, '/__local/knobs', { method: 'POST', body: Buffer.from('{"throttle": false}') })).status,
    ).toBe(404);
    expect(endpoint.knobs().throttle).toEqual({ ratePerSecond: 50, burst: 100 });
  });
});
