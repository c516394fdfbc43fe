import { nowSeconds, signToken } from 'ohif-healthimaging-authorizer/testing/tokens';
import type { AuthorizeFunction } from './authorizeRequest';
import type { RequestLogEntry } from './DicomwebEndpointOptions';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { createTestAuth, testRoles } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId } from './testing/testEndpoint';
import { createTestStore } from './testing/testStore';

let fixture: Awaited<ReturnType<typeof createTestStore>>;
const auth = createTestAuth();
const running: RunningEndpoint[] = [];

beforeAll(async () => {
  fixture = await createTestStore();
});

afterAll(async () => {
  await Promise.all(running.map(endpoint => endpoint.close()));
  await fixture.remove();
});

async function endpointWith(authorize: AuthorizeFunction, onRequest?: (entry: RequestLogEntry) => void) {
  const endpoint = await startTestEndpoint(fixture.store, authorize, onRequest ? { onRequest } : {});
  running.push(endpoint);
  return endpoint;
}

const studies = `/datastore/${testDatastoreId}/studies`;

async function expectAnswer(
  endpoint: RunningEndpoint,
  path: string,
  token: string | undefined,
  status: number,
  message: string,
) {
  const response = await call(endpoint, path, token === undefined ? {} : { token });
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(response.json()).toEqual({ message });
}

describe('HealthImaging token pre-checks (403 before the authorizer is asked)', () => {
  let endpoint: RunningEndpoint;
  const asked: unknown[] = [];

  beforeAll(async () => {
    endpoint = await endpointWith(async event => {
      asked.push(event);
      return auth.authorize(event);
    });
  });

  const now = nowSeconds();
  it.each<[string, () => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a token that is not a JWT', () => 'not-a-jwt'],
    ['an expired token', () => auth.tokenFor('readers', { exp: now - 10 })],
    ['a token whose nbf is in the future', () => auth.tokenFor('readers', { nbf: now + 600 })],
    [
      'a token issued more than 12 hours ago',
      () => auth.tokenFor('readers', { iat: now - 13 * 3600, nbf: now - 13 * 3600 }),
    ],
  ])('refuses %s with 403 Invalid or Expired Token', async (_name, makeToken) => {
    asked.length = 0;
    await expectAnswer(endpoint, studies, makeToken(), 403, 'Invalid or Expired Token');
    expect(asked).toEqual([]);
  });
});

describe('the authorizer (real, ohif-healthimaging-authorizer)', () => {
  it('passes the HealthImaging event and lets a reader read', async () => {
    const events: unknown[] = [];
    const endpoint = await endpointWith(async event => {
      events.push(event);
      return auth.authorize(event);
    });
    const token = auth.tokenFor('readers');
    expect((await call(endpoint, studies, { token })).status).toBe(200);
    expect(events).toEqual([{ datastoreId: testDatastoreId, operation: 'SearchDICOMStudies', bearerToken: token }]);
  });

  it('answers 403 Invalid or Expired Token for a token it cannot verify (another signing key)', async () => {
    const endpoint = await endpointWith(auth.authorize);
    const stranger = createTestAuth();
    await expectAnswer(endpoint, studies, stranger.tokenFor('readers'), 403, 'Invalid or Expired Token');
  });

  it('answers 403 Access Denied for a valid token without a grant', async () => {
    const endpoint = await endpointWith(auth.authorize);
    await expectAnswer(endpoint, studies, auth.tokenFor('nobody'), 403, 'Access Denied');
  });

  it('answers 403 Access Denied to a reader storing (the authorizer gives readers no store role)', async () => {
    const endpoint = await endpointWith(auth.authorize);
    const response = await call(endpoint, studies, {
      method: 'POST',
      token: auth.tokenFor('readers'),
      headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=b' },
      body: Buffer.from('--b--'),
    });
    expect([response.status, response.json()]).toEqual([403, { message: 'Access Denied' }]);
  });

  it('answers 403 Forbidden when an authorizer hands the reader role to a store', async () => {
    // A one-role authorizer like the AWS sample's: any valid token gets the reader role, whatever the operation.
    const readerRoleForAll: AuthorizeFunction = async event => {
      const decision = await auth.authorize({ ...event, operation: 'SearchDICOMStudies' });
      return decision.roleArn ? { isTokenValid: true, roleArn: testRoles.readerRoleArn } : decision;
    };
    const endpoint = await endpointWith(readerRoleForAll);
    const response = await call(endpoint, studies, {
      method: 'POST',
      token: auth.tokenFor('importers'),
      headers: { 'Content-Type': 'multipart/related; type="application/dicom"; boundary=b' },
      body: Buffer.from('--b--'),
    });
    expect([response.status, response.json()]).toEqual([403, { message: 'Forbidden' }]);
    expect((await call(endpoint, studies, { token: auth.tokenFor('importers') })).status).toBe(200);
  });

  it('answers 408 Authorizer Timeout when the authorizer takes 1.2 s', async () => {
    const slow: AuthorizeFunction = event =>
      new Promise(resolve => setTimeout(() => resolve(auth.authorize(event)), 1200));
    const endpoint = await endpointWith(slow);
    await expectAnswer(endpoint, studies, auth.tokenFor('readers'), 408, 'Authorizer Timeout');
    await new Promise(resolve => setTimeout(resolve, 250)); // let the late answer arrive before the test ends
  });

  it('answers 424 Authorizer Failed when the authorizer throws, and logs no token', async () => {
    const entries: RequestLogEntry[] = [];
    const throwing: AuthorizeFunction = async () => {
      throw new Error('authorizer crashed');
    };
    const endpoint = await endpointWith(throwing, entry => entries.push(entry));
    const token = auth.tokenFor('readers');
    await expectAnswer(endpoint, `${studies}?PatientName=DOE`, token, 424, 'Authorizer Failed');
    expect(entries).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: studies,
        operation: 'SearchDICOMStudies',
        status: 424,
        hadBearerToken: true,
      }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(token.split('.')[2]);
    expect(JSON.stringify(entries)).not.toContain('DOE');
  });

  it('answers 424 Authorizer Failed for a role ARN it does not know', async () => {
    const endpoint = await endpointWith(async () => ({
      isTokenValid: true,
      roleArn: 'arn:aws:iam::000000000000:role/Unknown',
    }));
    await expectAnswer(endpoint, studies, auth.tokenFor('readers'), 424, 'Authorizer Failed');
  });

  it('checks the signature in the authorizer, not in the pre-checks', async () => {
    const endpoint = await endpointWith(auth.authorize);
    const forged = signToken(
      createTestAuth().signingKey,
      { exp: nowSeconds() + 60, groups: ['importers'] },
      { kid: auth.signingKey.kid },
    );
    await expectAnswer(endpoint, studies, forged, 403, 'Invalid or Expired Token');
  });
});
