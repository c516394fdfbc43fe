// The derived sample objects (SEG, SR, a PDF over 1 MB) stored and served as HealthImaging serves such objects:
// the SEG and the others kept in their original transfer syntax, large values by BulkDataURI, every retrieve route.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser, { type DataSet } from 'dicom-parser';
import { DicomStore, type ImportOutcome } from '../storage';
import { deriveSamples } from '../storage/derivedSamples/deriveSamples';
import { daikonMrSeries } from '../storage/derivedSamples/testing/daikonMrSeries';
import { parseMediaType } from './mediaType';
import { readMultipart } from './multipart';
import type { RunningEndpoint } from './startDicomwebEndpoint';
import { createTestAuth } from './testing/testAuthorizer';
import { call, startTestEndpoint, testDatastoreId } from './testing/testEndpoint';

const ELE = '1.2.840.10008.1.2.1';
const auth = createTestAuth();
let dataDir: string;
let endpoint: RunningEndpoint;
let token: string;
let outcomes: Record<'seg' | 'sr' | 'pdf', ImportOutcome>;
let samples: ReturnType<typeof deriveSamples>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'derived-objects-'));
  const store = await DicomStore.open(dataDir);
  const mr = await daikonMrSeries();
  for (const file of mr.files) await store.importPart10(file.bytes, file.name);
  samples = deriveSamples(mr.images);
  const [seg, sr, pdf] = await Promise.all(samples.map(sample => store.importPart10(sample.bytes, sample.sourceName)));
  outcomes = { seg: seg!, sr: sr!, pdf: pdf! };
  endpoint = await startTestEndpoint(store, auth.authorize);
  token = auth.tokenFor('readers');
}, 60_000);

afterAll(async () => {
  await endpoint?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const root = `/datastore/${testDatastoreId}`;
const instancePath = (outcome: ImportOutcome) =>
  `${root}/studies/${outcome.studyInstanceUid}/series/${outcome.seriesInstanceUid}/instances/${outcome.sopInstanceUid}`;
const read = (path: string, accept?: string) =>
  call(endpoint, path, { token, ...(accept === undefined ? {} : { accept }) });
type Json = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }>;

function partsOf(response: Awaited<ReturnType<typeof call>>) {
  const contentType = parseMediaType(response.headers.get('content-type') ?? '')!;
  expect(contentType.essence).toBe('multipart/related');
  return readMultipart(response.body, contentType.params.boundary as string);
}

describe('the derived sample objects at the endpoint', () => {
  it('are stored in their original transfer syntax: the binary SEG is not transcoded to HTJ2K', () => {
    for (const outcome of Object.values(outcomes)) {
      expect({
        status: outcome.status,
        stored: outcome.storedTransferSyntaxUid,
        original: outcome.originalTransferSyntaxUid,
      }).toEqual({
        status: 'stored',
        stored: ELE,
        original: ELE,
      });
    }
    expect(outcomes.seg.numberOfFrames).toBe(10);
  });

  it('are found by QIDO-RS in the MR study, each as its own series of its modality', async () => {
    const series = (await read(`${root}/studies/${outcomes.seg.studyInstanceUid}/series`)).json() as Json[];
    expect(series.map(row => row['00080060']?.Value?.[0]).sort()).toEqual(['DOC', 'MR', 'SEG', 'SR']);
    const instances = (
      await read(`${instancePath(outcomes.seg).replace(/\/instances\/.*$/, '/instances')}`)
    ).json() as Json[];
    expect(instances.map(row => [row['00080016']?.Value?.[0], row['00280008']?.Value?.[0]])).toEqual([
      ['1.2.840.10008.5.1.4.1.1.66.4', 10],
    ]);
  });

  it('metadata: the SR content tree inline, the SEG pixel data and the PDF (over 1 MB) by absolute BulkDataURI', async () => {
    const [sr] = (await read(`${instancePath(outcomes.sr)}/metadata`)).json() as Json[];
    expect(sr!['0040A730']?.vr).toBe('SQ');
    expect(JSON.stringify(sr!['0040A730'])).toContain('Cornerstone3DTools@^0.1.0:Length');
    const [seg] = (await read(`${instancePath(outcomes.seg)}/metadata`)).json() as Json[];
    expect(seg!['7FE00010']).toEqual({
      vr: 'OB',
      BulkDataURI: `${endpoint.datastoreUrl}${instancePath(outcomes.seg).slice(root.length)}/bulkdata/7FE00010`,
    });
    expect(seg!['00020010']?.Value).toEqual([ELE]);
    const [pdf] = (await read(`${instancePath(outcomes.pdf)}/metadata`)).json() as Json[];
    expect(pdf!['00420011']).toEqual({
      vr: 'OB',
      BulkDataURI: `${endpoint.datastoreUrl}${instancePath(outcomes.pdf).slice(root.length)}/bulkdata/00420011`,
    });
  });

  it('bulk data: the PDF as the document, byte for byte (with its pad byte)', async () => {
    const response = await read(
      `${instancePath(outcomes.pdf)}/bulkdata/00420011`,
      'multipart/related; type="application/pdf", multipart/related; type="application/octet-stream"',
    );
    expect(response.status).toBe(200);
    const [part] = partsOf(response);
    const original = dicomParser.parseDicom(samples[2]!.bytes).elements.x00420011!;
    const expected = Buffer.from(
      samples[2]!.bytes.subarray(original.dataOffset, original.dataOffset + original.length),
    );
    expect(part!.body.length).toBeGreaterThan(1024 * 1024);
    expect(part!.body.equals(expected)).toBe(true);
    expect(part!.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  it('frames of the SEG: 406 for HTJ2K, its stored 1-bit frames for transfer-syntax=*', async () => {
    const path = `${instancePath(outcomes.seg)}/frames/1,10`;
    expect(
      (await read(path, 'multipart/related; type="image/jphc"; transfer-syntax=1.2.840.10008.1.2.4.202')).status,
    ).toBe(406);
    const response = await read(path, 'multipart/related; type="application/octet-stream"; transfer-syntax=*');
    expect(response.status).toBe(200);
    const parts = partsOf(response);
    const original = dicomParser.parseDicom(samples[0]!.bytes).elements.x7fe00010!;
    const frameBytes = (256 * 256) / 8;
    const frame = (index: number) =>
      Buffer.from(
        samples[0]!.bytes.subarray(
          original.dataOffset + index * frameBytes,
          original.dataOffset + (index + 1) * frameBytes,
        ),
      );
    expect(parts.map(part => part.headers['content-type'])).toEqual([
      `application/octet-stream; transfer-syntax=${ELE}`,
      `application/octet-stream; transfer-syntax=${ELE}`,
    ]);
    expect(parts[0]!.body.equals(frame(0))).toBe(true);
    expect(parts[1]!.body.equals(frame(9))).toBe(true);
  });

  it('the SEG instance (what OHIF fetches to load a SEG): the Part 10 file, its pixel data unchanged', async () => {
    const response = await read(instancePath(outcomes.seg), 'multipart/related; type="application/dicom"');
    expect(response.status).toBe(200);
    const [part] = partsOf(response);
    const served = dicomParser.parseDicom(new Uint8Array(part!.body));
    const original = dicomParser.parseDicom(samples[0]!.bytes);
    const pixels = (parsed: DataSet) => {
      const element = parsed.elements.x7fe00010!;
      return Buffer.from(parsed.byteArray.subarray(element.dataOffset, element.dataOffset + element.length));
    };
    expect(served.string('x00020010')).toBe(ELE);
    expect(served.string('x00080018')).toBe(outcomes.seg.sopInstanceUid);
    expect(pixels(served).equals(pixels(original))).toBe(true);
  });
});
