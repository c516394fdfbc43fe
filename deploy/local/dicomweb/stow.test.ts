import { newBoundary, writeMultipart } from './multipart';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { errorCommentTag, FailureReason } from './stow';
import { createTestAuth } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId } from './testing/testEndpoint';
import { createTestStore, readDaikonFile } from './testing/testStore';

let fixture: Awaited<ReturnType<typeof createTestStore>>;
let endpoint: RunningEndpoint;
const auth = createTestAuth();
const root = `/datastore/${testDatastoreId}`;

beforeAll(async () => {
  fixture = await createTestStore();
  endpoint = await startTestEndpoint(fixture.store, auth.authorize, { maxStowBytes: 4 * 1024 * 1024 });
});

let warnings: string[];
beforeEach(() => {
  warnings = [];
  jest.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line));
});
afterEach(() => jest.restoreAllMocks());

afterAll(async () => {
  await endpoint.close();
  await fixture.remove();
});

type DicomJson = Record<string, { vr: string; Value?: Array<Record<string, { Value?: unknown[] }> | unknown> }>;

function stow(path: string, parts: Array<{ bytes: Buffer; contentType?: string }>, contentType?: string) {
  const boundary = newBoundary();
  const body = writeMultipart(
    parts.map(part => ({ headers: { 'Content-Type': part.contentType ?? 'application/dicom' }, body: part.bytes })),
    boundary,
  );
  return call(endpoint, root + path, {
    method: 'POST',
    token: auth.tokenFor('importers'),
    headers: { 'Content-Type': contentType ?? `multipart/related; type="application/dicom"; boundary=${boundary}` },
    body,
  });
}

const items = (response: DicomJson, tag: string) =>
  (response[tag]?.Value ?? []) as Array<Record<string, { Value?: unknown[] }>>;

describe('STOW-RS', () => {
  it("stores an importer's instances and lists each part as referenced or failed", async () => {
    const response = await stow('/studies', [
      { bytes: await readDaikonFile('volume/brain_004.dcm') },
      { bytes: Buffer.from('this is not DICOM') },
      { bytes: await readDaikonFile('volume/brain_005.dcm') },
    ]);
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toBe('application/dicom+json');
    const body = response.json() as DicomJson;
    const referenced = items(body, '00081199');
    expect(referenced).toHaveLength(2);
    const { studyUid, seriesUid } = fixture.brain[0]!;
    expect(referenced[0]?.['00081150']?.Value).toEqual(['1.2.840.10008.5.1.4.1.1.4']);
    expect(referenced[0]?.['00081190']?.Value?.[0]).toMatch(
      new RegExp(`^${endpoint.datastoreUrl}/studies/${studyUid}/series/${seriesUid}/instances/[0-9.]+$`),
    );
    expect(items(body, '00081198')).toEqual([
      {
        '00081197': { vr: 'US', Value: [FailureReason.cannotUnderstand] },
        [errorCommentTag]: {
          vr: 'LO',
          Value: ['not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)'],
        },
      },
    ]);
    expect(warnings).toEqual([
      'STOW-RS part 2 refused: 0xC000: not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)',
    ]);

    const series = await call(endpoint, `${root}/studies/${studyUid}/series/${seriesUid}/instances`, {
      token: auth.tokenFor('readers'),
    });
    expect(series.json()).toHaveLength(5);
  });

  it('answers 200 with the study URL for POST /studies/{s}; a duplicate is referenced and kept', async () => {
    const { studyUid } = fixture.brain[0]!;
    const response = await stow(`/studies/${studyUid}`, [{ bytes: await readDaikonFile('volume/brain_001.dcm') }]);
    expect(response.status).toBe(200);
    const body = response.json() as DicomJson;
    expect(body['00081190']?.Value).toEqual([`${endpoint.datastoreUrl}/studies/${studyUid}`]);
    expect(items(body, '00081199')[0]?.['00081155']?.Value).toEqual([fixture.brain[0]!.sopUid]);
  });

  it('refuses an instance of another study on POST /studies/{s} with 409, naming it', async () => {
    const { studyUid } = fixture.brain[0]!;
    const response = await stow(`/studies/${studyUid}`, [{ bytes: await readDaikonFile('rle.dcm') }]);
    expect(response.status).toBe(409);
    const failed = items(response.json() as DicomJson, '00081198');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.['00081197']?.Value).toEqual([FailureReason.studyMismatch]);
    expect(typeof failed[0]?.['00081155']?.Value?.[0]).toBe('string');
  });

  it('stores an instance sent three times in one request once and references every copy, as HealthImaging', async () => {
    const copy = await readDaikonFile('volume/brain_011.dcm');
    const before = fixture.store.counts().instances;
    const response = await stow('/studies', [{ bytes: copy }, { bytes: copy }, { bytes: copy }]);
    expect(response.status).toBe(200);
    const referenced = items(response.json() as DicomJson, '00081199');
    expect(referenced.map(item => item['00081155']?.Value?.[0])).toEqual(
      Array(3).fill('0.0.0.0.1.8811.2.11.20010413115754.12432'),
    );
    expect(fixture.store.counts().instances).toBe(before + 1);
  });

  it('answers two requests storing the same new instance at once both as stored', async () => {
    const copy = await readDaikonFile('volume/brain_012.dcm');
    const responses = await Promise.all([stow('/studies', [{ bytes: copy }]), stow('/studies', [{ bytes: copy }])]);
    expect(responses.map(response => response.status)).toEqual([200, 200]);
    expect(warnings).toEqual([]);
  });

  it('says why each part was refused, in the answer and in the log', async () => {
    const implicit = await readDaikonFile('implicit_little.dcm');
    const { studyUid } = fixture.brain[0]!;
    const response = await stow(`/studies/${studyUid}`, [
      { bytes: implicit.subarray(0, implicit.length - 1000) },
      { bytes: await readDaikonFile('volume/brain_014.dcm'), contentType: 'application/octet-stream' },
    ]);
    expect(response.status).toBe(409);
    const comments = items(response.json() as DicomJson, '00081198').map(item => item[errorCommentTag]?.Value?.[0]);
    expect(comments).toEqual([
      expect.stringMatching(/^its StudyInstanceUID [0-9.]+ is not the study [0-9.]+ of the URL$/),
      "the part's Content-Type is application/octet-stream, not application/dicom",
    ]);
    const cut = await stow('/studies', [{ bytes: implicit.subarray(0, implicit.length - 1000) }]);
    const [failure] = items(cut.json() as DicomJson, '00081198');
    expect(failure?.['00081197']?.Value).toEqual([FailureReason.cannotUnderstand]);
    expect(failure?.[errorCommentTag]?.Value).toEqual([
      'truncated DICOM data: element (7FE0,0010) declares 131072 bytes but only 130072 follow',
    ]);
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toMatch(/^STOW-RS part 1 \(SOP instance [0-9.]+\) refused: 0xC000: truncated DICOM data/);
  });

  it('fails a part that is not application/dicom', async () => {
    const response = await stow('/studies', [
      { bytes: await readDaikonFile('volume/brain_006.dcm'), contentType: 'application/octet-stream' },
    ]);
    expect(response.status).toBe(409);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await stow('/studies', [{ bytes: Buffer.alloc(4 * 1024 * 1024 + 1) }]);
    expect(response.status).toBe(413);
    expect((response.json() as { message: string }).message).toContain('exceeds the limit of 4194304 bytes');
  });

  it.each([
    ['application/dicom', 415, 'STOW-RS takes multipart/related bodies'],
    ['multipart/related; type="application/dicom+json"; boundary=b', 415, 'DICOM Part 10 parts only'],
    ['multipart/related; type="application/dicom"', 400, 'no boundary parameter'],
    ['multipart/related; type="application/dicom"; boundary=other', 400, 'holds no multipart boundary line'],
  ])('answers %s with %i', async (contentType, status, message) => {
    const response = await stow('/studies', [{ bytes: Buffer.from('x') }], contentType);
    expect(response.status).toBe(status);
    expect((response.json() as { message: string }).message).toContain(message);
  });

  it('answers 400 for a body with no parts', async () => {
    const response = await call(endpoint, `${root}/studies`, {
      method: 'POST',
      token: auth.tokenFor('importers'),
      headers: { 'Content-Type': 'multipart/related; type=application/dicom; boundary=b' },
      body: Buffer.from('--b--\r\n'),
    });
    expect([response.status, response.json()]).toEqual([400, { message: 'The multipart body holds no instances' }]);
  });
});
