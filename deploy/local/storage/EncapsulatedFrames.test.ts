import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from './DicomStore';
import { InvalidDicomFileError } from './errors';
import {
  syntheticPart10,
  syntheticSeriesUid,
  syntheticStudyUid,
  type SyntheticInstance,
} from './testing/syntheticPart10';

const RLE = '1.2.840.10008.1.2.5';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
/** Item offsets as offset tables count them: each fragment's 8-byte item header plus its (even) length. */
const fragment = (length: number, fill: number) => new Uint8Array(length).fill(fill);

describe('encapsulated pixel data against NumberOfFrames and its offset tables', () => {
  let dataDir: string;
  let store: DicomStore;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'encapsulated-'));
    store = await DicomStore.open(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const importSynthetic = (instance: SyntheticInstance) =>
    store.importPart10(syntheticPart10({ transferSyntaxUid: RLE, ...instance }), 'enc.dcm');

  it('groups fragments into frames by the Basic Offset Table', async () => {
    const fragments = [fragment(6, 1), fragment(4, 2), fragment(8, 3)];
    // Frame 1 = fragments 1 and 2 (items of 8+6 and 8+4 bytes), frame 2 = fragment 3.
    const outcome = await importSynthetic({
      sopInstanceUid: '2.25.2001',
      numberOfFrames: '2',
      encapsulated: { basicOffsetTable: [0, 26], fragments },
    });
    expect(outcome).toMatchObject({ status: 'stored', storedTransferSyntaxUid: RLE, numberOfFrames: 2 });
    const stored = await store.storedFrames(syntheticStudyUid, syntheticSeriesUid, '2.25.2001', [1, 2]);
    expect(stored?.frames).toEqual([new Uint8Array([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]), fragment(8, 3)]);
  });

  it.each<[string, SyntheticInstance, RegExp]>([
    [
      'an offset table with more entries than frames',
      { encapsulated: { basicOffsetTable: [0, 14], fragments: [fragment(6, 1), fragment(6, 2)] } },
      /Basic Offset Table has 2 entries for 1 frame\(s\)/,
    ],
    [
      'an offset table entry inside a fragment',
      { numberOfFrames: '2', encapsulated: { basicOffsetTable: [0, 10], fragments: [fragment(6, 1), fragment(6, 2)] } },
      /entry 2 of the Basic Offset Table \(10\) does not point at the start of a fragment/,
    ],
    [
      'fewer fragments than frames',
      { numberOfFrames: '3', encapsulated: { basicOffsetTable: [], fragments: [fragment(6, 1), fragment(6, 2)] } },
      /2 fragment\(s\) for 3 frame\(s\)/,
    ],
    [
      'fragments that cannot be told apart',
      {
        numberOfFrames: '2',
        encapsulated: { basicOffsetTable: [], fragments: [fragment(6, 1), fragment(6, 2), fragment(6, 3)] },
      },
      /cannot tell which of the 3 pixel data fragments belong to which of the 2 frames/,
    ],
    [
      'an empty frame',
      { encapsulated: { basicOffsetTable: [], fragments: [fragment(0, 0)] } },
      /frame 1 of the encapsulated pixel data is empty/,
    ],
    [
      'an Extended Offset Table with the wrong count',
      {
        numberOfFrames: '2',
        extra: { '7FE00001': { vr: 'OV', Value: [new BigUint64Array([0n]).buffer] } },
        encapsulated: { basicOffsetTable: [], fragments: [fragment(6, 1), fragment(6, 2)] },
      },
      /Extended Offset Table \(7FE0,0001\) has 1 entries for 2 frame\(s\)/,
    ],
  ])('refuses %s', async (_, instance, reason) => {
    const error = await importSynthetic({ sopInstanceUid: '2.25.2002', ...instance }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidDicomFileError);
    expect((error as InvalidDicomFileError).reason).toMatch(reason);
    expect(store.counts().instances).toBe(1);
  });

  it('refuses native pixel data in a compressed syntax', async () => {
    // dcmjs encapsulates whatever it writes in RLE, so the native file's transfer syntax (same length) is swapped.
    const native = syntheticPart10({ sopInstanceUid: '2.25.2005' });
    const relabelled = Buffer.from(native.toString('latin1').replace('1.2.840.10008.1.2.1\0', `${RLE}\0`), 'latin1');
    await expect(store.importPart10(relabelled, 'native.dcm')).rejects.toThrow(
      /transfer syntax 1\.2\.840\.10008\.1\.2\.5 must be encapsulated/,
    );
  });

  it('refuses encapsulated pixel data in an uncompressed syntax', async () => {
    const bytes = syntheticPart10({
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      sopInstanceUid: '2.25.2003',
      encapsulated: { basicOffsetTable: [], fragments: [fragment(16, 1)] },
    });
    await expect(store.importPart10(bytes, 'enc.dcm')).rejects.toThrow(
      /encapsulated \(undefined length\) but transfer syntax 1\.2\.840\.10008\.1\.2\.1 is uncompressed/,
    );
  });

  it('splits JPEG frames without an offset table at their start-of-image markers', async () => {
    const soi = (fill: number) => new Uint8Array([0xff, 0xd8, fill, fill]);
    const fragments = [soi(1), fragment(4, 9), soi(2)];
    const outcome = await importSynthetic({
      transferSyntaxUid: JPEG_BASELINE,
      sopInstanceUid: '2.25.2004',
      numberOfFrames: '2',
      encapsulated: { basicOffsetTable: [], fragments },
    });
    expect(outcome.numberOfFrames).toBe(2);
    const stored = await store.storedFrames(syntheticStudyUid, syntheticSeriesUid, '2.25.2004', [1, 2]);
    expect(stored?.frames.map(frame => frame.length)).toEqual([8, 4]);
  });
});
