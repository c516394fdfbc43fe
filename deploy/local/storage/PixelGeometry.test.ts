import dicomParser from 'dicom-parser';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DicomStore } from './DicomStore';
import { InvalidDicomFileError } from './errors';
import { daikonTestDataDir } from './sampleData';
import {
  syntheticPart10,
  syntheticSeriesUid,
  syntheticStudyUid,
  type SyntheticInstance,
} from './testing/syntheticPart10';

const IMPLICIT = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';

// Native pixel data is checked against Rows × Columns × samples × BitsAllocated × NumberOfFrames before
// anything is written; a refused file leaves the data folder as it was.
describe('native pixel data against its geometry', () => {
  let dataDir: string;
  let store: DicomStore;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pixel-geometry-'));
    store = await DicomStore.open(dataDir);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const storedFiles = () =>
    readdirSync(join(dataDir, 'instances'), { recursive: true }).filter(name => String(name).endsWith('.dcm'));
  const refusal = (bytes: Uint8Array) =>
    store.importPart10(bytes, 'test.dcm').then(
      () => 'stored',
      (error: unknown) => error,
    );

  it('refuses a file cut inside its Implicit VR pixel data instead of storing zeros', async () => {
    const whole = readFileSync(join(daikonTestDataDir(), 'implicit_little.dcm'));
    const error = await refusal(whole.subarray(0, whole.length - 1000));
    expect(error).toBeInstanceOf(InvalidDicomFileError);
    expect((error as InvalidDicomFileError).reason).toBe(
      'truncated DICOM data: element (7FE0,0010) declares 131072 bytes but only 130072 follow',
    );
    const synthetic = syntheticPart10({ transferSyntaxUid: IMPLICIT, pixelData: new Uint8Array(16) });
    expect(await refusal(synthetic.subarray(0, synthetic.length - 3))).toBeInstanceOf(InvalidDicomFileError);
    expect(storedFiles()).toEqual([]);
  });

  it.each<[string, SyntheticInstance, RegExp]>([
    [
      'more bytes than the geometry',
      { pixelData: new Uint8Array(20) },
      /pixel data is longer than its geometry: 20 bytes for 1 frame\(s\) of 4x4, 1 sample\(s\) MONOCHROME2 at 8 bits \(16 bytes\)/,
    ],
    [
      'fewer frames than NumberOfFrames',
      { numberOfFrames: '3', pixelData: new Uint8Array(32) },
      /pixel data is truncated: 32 bytes for 3 frame\(s\).*\(48 bytes\)/,
    ],
    ['no Rows', { rows: undefined }, /without Rows \(0028,0010\)/],
    [
      'RGB with one sample',
      { photometricInterpretation: 'RGB' },
      /SamplesPerPixel \(0028,0002\) is 1 but PhotometricInterpretation RGB needs 3/,
    ],
    [
      'an unknown photometric',
      { photometricInterpretation: 'GREEN' },
      /PhotometricInterpretation \(0028,0004\) "GREEN" is not a DICOM value/,
    ],
    ['12 bits allocated', { bitsAllocated: 12 }, /BitsAllocated \(0028,0100\) is 12/],
    ['NumberOfFrames 0', { numberOfFrames: '0', pixelData: new Uint8Array(0) }, /NumberOfFrames \(0028,0008\) is 0/],
  ])('refuses %s, saying what does not match', async (_, instance, reason) => {
    for (const transferSyntaxUid of [EXPLICIT_LE, IMPLICIT, EXPLICIT_BE]) {
      const error = await refusal(syntheticPart10({ transferSyntaxUid, ...instance }));
      expect(error).toBeInstanceOf(InvalidDicomFileError);
      expect((error as InvalidDicomFileError).reason).toMatch(reason);
    }
    expect(storedFiles()).toEqual([]);
  });

  it('sizes YBR_FULL_422 as two samples per pixel, stores it and gives the bytes back', async () => {
    const ybr = { samplesPerPixel: 3, photometricInterpretation: 'YBR_FULL_422', numberOfFrames: '2' };
    const pixels = new Uint8Array(4 * 4 * 2 * 2).map((_, index) => index);
    const outcome = await store.importPart10(
      syntheticPart10({ ...ybr, sopInstanceUid: '2.25.1001.1.422', pixelData: pixels }),
      'ybr.dcm',
    );
    expect(outcome).toMatchObject({ status: 'stored', storedTransferSyntaxUid: EXPLICIT_LE, numberOfFrames: 2 });
    const frames = await store.frames(
      syntheticStudyUid,
      syntheticSeriesUid,
      '2.25.1001.1.422',
      [1, 2],
      'explicit-little-endian',
    );
    expect(frames).toEqual([pixels.subarray(0, 32), pixels.subarray(32)]);
    // Three full samples per pixel is what a wrong size computation expects: that is too much data.
    const error = await refusal(
      syntheticPart10({ ...ybr, sopInstanceUid: '2.25.1001.1.423', pixelData: new Uint8Array(4 * 4 * 3 * 2) }),
    );
    expect((error as InvalidDicomFileError).reason).toMatch(
      /longer than its geometry: 96 bytes .* YBR_FULL_422 at 8 bits \(64 bytes\)/,
    );
    const partial420 = syntheticPart10({
      ...ybr,
      photometricInterpretation: 'YBR_PARTIAL_420',
      numberOfFrames: '1',
      sopInstanceUid: '2.25.1001.1.420',
      pixelData: new Uint8Array(24),
    });
    expect((await store.importPart10(partial420, '420.dcm')).status).toBe('stored');
  });

  it('splits 1-bit frames that do not end on a byte boundary', async () => {
    // Three 3x3 frames: 27 bits in 4 bytes; frame 1 all set, frame 2 none, frame 3 only its first pixel.
    const bits = [...Array(9).fill(1), ...Array(9).fill(0), 1, ...Array(8).fill(0)];
    const packed = new Uint8Array(4);
    bits.forEach((bit, index) => (packed[index >> 3] = (packed[index >> 3] ?? 0) | (bit << (index & 7))));
    const instance = {
      rows: 3,
      columns: 3,
      bitsAllocated: 1,
      numberOfFrames: '3',
      sopInstanceUid: '2.25.1001.1.7',
      pixelData: packed,
    };
    expect((await store.importPart10(syntheticPart10(instance), 'bits.dcm')).numberOfFrames).toBe(3);
    const frames = await store.frames(
      syntheticStudyUid,
      syntheticSeriesUid,
      '2.25.1001.1.7',
      [1, 2, 3],
      'explicit-little-endian',
    );
    expect(frames).toEqual([new Uint8Array([0xff, 0x01]), new Uint8Array([0, 0]), new Uint8Array([0x01, 0])]);
    // The stored file packs them as it came, bit after bit (a viewer reading it whole finds each frame where PS3.5
    // puts it), and it passes the store's own geometry check again.
    const stored = await store.instancePart10(syntheticStudyUid, syntheticSeriesUid, '2.25.1001.1.7');
    const element = dicomParser.parseDicom(stored!).elements.x7fe00010!;
    expect([...stored!.subarray(element.dataOffset, element.dataOffset + element.length)]).toEqual([...packed]);
    expect(await store.bulkdata(syntheticStudyUid, syntheticSeriesUid, '2.25.1001.1.7', '7FE00010')).toEqual(packed);
    const copy = new Uint8Array(stored!);
    await expect(store.importPart10(copy, 'stored-copy.dcm')).resolves.toMatchObject({
      status: 'duplicate',
      numberOfFrames: 3,
    });
  });
});
