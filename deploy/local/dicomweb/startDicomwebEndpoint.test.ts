import { connect } from 'node:net';
import { parseMediaType } from './mediaType';
import { readMultipart } from './multipart';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { createTestAuth } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId } from './testing/testEndpoint';
import { createTestStore } from './testing/testStore';
import { EndpointOptionsError } from './errors';
import { startDicomwebEndpoint } from './startDicomwebEndpoint';

const HTJ2K = '1.2.840.10008.1.2.4.202';
const ELE = '1.2.840.10008.1.2.1';

let fixture: Awaited<ReturnType<typeof createTestStore>>;
let endpoint: RunningEndpoint;
const auth = createTestAuth();
let token: string;

beforeAll(async () => {
  fixture = await createTestStore();
  endpoint = await startTestEndpoint(fixture.store, auth.authorize);
  token = auth.tokenFor('readers');
});

afterAll(async () => {
  await endpoint.close();
  await fixture.remove();
});

const root = () => `/datastore/${testDatastoreId}`;
const instancePath = ({ studyUid, seriesUid, sopUid }: { studyUid: string; seriesUid: string; sopUid: string }) =>
  `${root()}/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}`;
const read = (path: string, accept?: string) =>
  call(endpoint, path, { token, ...(accept === undefined ? {} : { accept }) });

function multipartOf(response: Awaited<ReturnType<typeof call>>) {
  const contentType = parseMediaType(response.headers.get('content-type') ?? '');
  expect(contentType?.essence).toBe('multipart/related');
  return { params: contentType!.params, parts: readMultipart(response.body, contentType!.params.boundary as string) };
}

describe('startDicomwebEndpoint', () => {
  it('reports its URLs', () => {
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.datastoreUrl).toBe(`${endpoint.url}/datastore/${testDatastoreId}`);
  });

  it('refuses options that do not check out, naming the option', async () => {
    const base = {
      datastoreId: testDatastoreId,
      store: fixture.store,
      authorize: auth.authorize,
      roles: { readerRoleArn: 'x', importerRoleArn: 'y' },
    };
    await expect(startDicomwebEndpoint(base)).rejects.toThrow('roles.readerRoleArn must be an IAM role ARN');
    await expect(startDicomwebEndpoint({ ...base, datastoreId: 'local' })).rejects.toThrow(EndpointOptionsError);
  });
});

describe('QIDO-RS', () => {
  it('searches studies, series and instances at every level HealthImaging offers', async () => {
    const { studyUid, seriesUid } = fixture.brain[0]!;
    const studies = await read(`${root()}/studies`);
    expect(studies.status).toBe(200);
    expect(studies.headers.get('content-type')).toBe('application/dicom+json');
    expect((studies.json() as unknown[]).length).toBe(3);

    const filtered = (await read(`${root()}/studies?StudyInstanceUID=${studyUid}`)).json() as Array<
      Record<string, { Value: unknown[] }>
    >;
    expect(filtered.map(study => study['0020000D']?.Value[0])).toEqual([studyUid]);

    expect((await read(`${root()}/studies/${studyUid}/series`)).json()).toHaveLength(1);
    expect((await read(`${root()}/series`)).json()).toHaveLength(3);
    expect((await read(`${root()}/instances`)).json()).toHaveLength(5);
    expect((await read(`${root()}/studies/${studyUid}/instances`)).json()).toHaveLength(3);
    expect(
      (await read(`${root()}/studies/${studyUid}/series/${seriesUid}/instances?limit=2&offset=1`)).json(),
    ).toHaveLength(2);
  });

  it('accepts ?imageSetId= and application/json', async () => {
    const response = await read(`${root()}/studies?imageSetId=ffffffffffffffffffffffffffffffff`, 'application/json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('answers an unknown study with an empty list', async () => {
    const response = await read(`${root()}/studies/1.2.3.4/series`);
    expect([response.status, response.json()]).toEqual([200, []]);
  });

  it.each([
    ['offset=1000001', 'offset must be from 0 to 1000000'],
    ['limit=0', 'limit must be from 1 to 1000'],
    ['limit=ten', 'limit must be a whole number'],
    ['NotAnAttribute=1', 'cannot filter study results on "NotAnAttribute"'],
    ['imageSetId=bad', 'imageSetId must be 32 lowercase letters and digits'],
  ])('answers 400 for ?%s', async (query, message) => {
    const response = await read(`${root()}/studies?${query}`);
    expect(response.status).toBe(400);
    expect((response.json() as { message: string }).message).toContain(message);
  });

  it('caps limit at 1000 instead of refusing it', async () => {
    expect((await read(`${root()}/studies?limit=5000`)).status).toBe(200);
  });

  it('answers 406 when the client accepts no JSON', async () => {
    expect((await read(`${root()}/studies`, 'application/dicom')).status).toBe(406);
  });
});

describe('WADO-RS metadata', () => {
  it('serves series metadata with absolute BulkDataURIs under the datastore URL', async () => {
    const { studyUid, seriesUid, sopUid } = fixture.brain[0]!;
    const response = await read(`${root()}/studies/${studyUid}/series/${seriesUid}/metadata`);
    expect(response.status).toBe(200);
    const instances = response.json() as Array<Record<string, { BulkDataURI?: string; Value?: unknown[] }>>;
    expect(instances).toHaveLength(3);
    expect(instances[0]?.['7FE00010']?.BulkDataURI).toBe(
      `${endpoint.datastoreUrl}/studies/${studyUid}/series/${seriesUid}/instances/${sopUid}/bulkdata/7FE00010`,
    );
    expect(instances[0]?.['00020010']?.Value).toEqual([HTJ2K]);
  });

  it('serves instance metadata as a list of one', async () => {
    const instance = fixture.brain[1]!;
    const response = await read(`${instancePath(instance)}/metadata`);
    const body = response.json() as Array<Record<string, { Value?: unknown[] }>>;
    expect(body).toHaveLength(1);
    expect(body[0]?.['00080018']?.Value).toEqual([instance.sopUid]);
  });

  it('answers 404 with a message for an unknown series or instance', async () => {
    const { studyUid, seriesUid } = fixture.brain[0]!;
    const series = await read(`${root()}/studies/${studyUid}/series/1.2.3/metadata`);
    expect([series.status, series.json()]).toEqual([404, { message: `Series 1.2.3 not found in study ${studyUid}` }]);
    const instance = await read(`${root()}/studies/${studyUid}/series/${seriesUid}/instances/1.2.3/metadata`);
    expect(instance.status).toBe(404);
    expect((instance.json() as { message: string }).message).toContain('Instance 1.2.3 not found');
  });
});

describe('WADO-RS frames', () => {
  it('sends stored HTJ2K for type="image/jphc", with per-part Content-Type and Content-Location', async () => {
    const instance = fixture.multiframe;
    const response = await read(
      `${instancePath(instance)}/frames/2,5`,
      `multipart/related; type="image/jphc"; transfer-syntax=${HTJ2K}`,
    );
    expect(response.status).toBe(200);
    const { params, parts } = multipartOf(response);
    expect(params).toMatchObject({ type: 'image/jphc', 'transfer-syntax': HTJ2K });
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers['content-type']).toBe(`image/jphc; transfer-syntax=${HTJ2K}`);
    expect(parts[1]?.headers['content-location']).toBe(
      `${endpoint.datastoreUrl}${instancePath(instance).slice(root().length)}/frames/5`,
    );
    // An HTJ2K codestream starts with the SOC and SIZ markers.
    expect([...parts[0]!.body.subarray(0, 4)]).toEqual([0xff, 0x4f, 0xff, 0x51]);
  });

  it('accepts the header without quotes, as OHIF sends it with omitQuotationForMultipartRequest', async () => {
    const response = await read(
      `${instancePath(fixture.brain[0]!)}/frames/1`,
      `multipart/related; type=image/jphc; transfer-syntax=${HTJ2K}`,
    );
    expect(response.status).toBe(200);
  });

  it('transcodes to Explicit VR Little Endian when no transfer syntax is named', async () => {
    const response = await read(
      `${instancePath(fixture.brain[0]!)}/frames/1`,
      'multipart/related; type="application/octet-stream"',
    );
    expect(response.status).toBe(200);
    const { params, parts } = multipartOf(response);
    expect(params).toMatchObject({ type: 'application/octet-stream', 'transfer-syntax': ELE });
    expect(parts[0]?.body.length).toBe(256 * 256 * 2);
  });

  it('sends the stored syntax for transfer-syntax=* (JPEG 2000 kept as received)', async () => {
    const response = await read(
      `${instancePath(fixture.jpeg2000)}/frames/1`,
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
    );
    expect(response.status).toBe(200);
    const { params, parts } = multipartOf(response);
    expect(params).toMatchObject({ type: 'image/jp2', 'transfer-syntax': fixture.jpeg2000.storedTransferSyntaxUid });
    expect(parts[0]?.headers['content-type']).toBe(
      `image/jp2; transfer-syntax=${fixture.jpeg2000.storedTransferSyntaxUid}`,
    );
  });

  it('answers 406 with a message for a syntax it cannot produce', async () => {
    const response = await read(
      `${instancePath(fixture.jpeg2000)}/frames/1`,
      `multipart/related; type="image/jphc"; transfer-syntax=${HTJ2K}`,
    );
    expect(response.status).toBe(406);
    expect((response.json() as { message: string }).message).toContain('transfer-syntax=*');
  });

  it('answers 400 for a frame number the instance does not have', async () => {
    const response = await read(`${instancePath(fixture.brain[0]!)}/frames/2`, 'multipart/related; type=image/jphc');
    expect(response.status).toBe(400);
    expect((response.json() as { message: string }).message).toContain('frame 2 does not exist');
  });
});

describe('WADO-RS instance and bulk data', () => {
  it('sends the Part 10 file as multipart/related; type="application/dicom"', async () => {
    const response = await read(
      instancePath(fixture.brain[2]!),
      'multipart/related; type="application/dicom"; transfer-syntax=*',
    );
    expect(response.status).toBe(200);
    const { params, parts } = multipartOf(response);
    expect(params).toMatchObject({ type: 'application/dicom', 'transfer-syntax': HTJ2K });
    expect(parts[0]?.body.subarray(128, 132).toString('latin1')).toBe('DICM');
  });

  it('sends the bare file for Accept: application/dicom', async () => {
    const response = await read(instancePath(fixture.brain[2]!), 'application/dicom');
    expect(response.headers.get('content-type')).toBe(`application/dicom; transfer-syntax=${HTJ2K}`);
    expect(response.body.subarray(128, 132).toString('latin1')).toBe('DICM');
  });

  it('sends pixel data bulk data as octet-stream or multipart', async () => {
    const path = `${instancePath(fixture.multiframe)}/bulkdata/7fe00010`;
    const single = await read(path, 'application/octet-stream');
    expect(single.status).toBe(200);
    expect(single.headers.get('content-type')).toBe('application/octet-stream');
    const multipart = await read(path, 'multipart/related; type="application/octet-stream"');
    expect(multipartOf(multipart).parts[0]?.body.equals(single.body)).toBe(true);
  });

  it('answers 404 for a tag that is not bulk data', async () => {
    const response = await read(`${instancePath(fixture.brain[0]!)}/bulkdata/00100010`, 'application/octet-stream');
    expect(response.status).toBe(404);
  });
});

describe('resources HealthImaging does not offer', () => {
  it.each([
    ['study metadata', (s: string) => `/studies/${s}/metadata`, 'Study-level metadata is not supported'],
    ['rendered', (s: string) => `/studies/${s}/rendered`, 'Rendered resources and thumbnails'],
    ['thumbnail', (s: string) => `/studies/${s}/thumbnail`, 'Rendered resources and thumbnails'],
    ['WADO-URI', () => '?requestType=WADO', 'WADO-URI is not supported'],
  ])('answers 404 for %s', async (_name, path, message) => {
    const response = await read(root() + path(fixture.brain[0]!.studyUid));
    expect(response.status).toBe(404);
    expect((response.json() as { message: string }).message).toContain(message);
  });

  it('answers 404 for an unknown datastore', async () => {
    const response = await read('/datastore/ffffffffffffffffffffffffffffffff/studies');
    expect([response.status, response.json()]).toEqual([
      404,
      { message: 'Datastore ffffffffffffffffffffffffffffffff not found' },
    ]);
  });

  it('answers 400 for a malformed UID before asking for a token', async () => {
    const response = await call(endpoint, `${root()}/studies/not-a-uid/series`);
    expect(response.status).toBe(400);
  });
});

describe('robustness', () => {
  /** Sends raw bytes on a socket and returns the first response line. */
  function rawRequest(text: string): Promise<string> {
    const { port } = new URL(endpoint.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(text));
      let received = '';
      socket.on('data', chunk => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
  }

  it('survives malformed requests and keeps serving', async () => {
    expect(await rawRequest('NONSENSE\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawRequest('GET /datastore/%%%/studies HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 404/,
    );
    expect(await rawRequest('GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 404/);
    expect(
      await rawRequest(
        `POST ${root()}/studies HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nab`,
      ),
    ).toMatch(/^HTTP\/1\.1 403/);
    const frames = await read(`${instancePath(fixture.brain[0]!)}/frames/1,`, 'multipart/related; type=image/jphc');
    expect(frames.status).toBe(400);
    expect((await read(`${root()}/studies`)).status).toBe(200);
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const response = await call(endpoint, `${root()}/series`, { method: 'DELETE', token });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
