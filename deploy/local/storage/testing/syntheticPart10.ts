import { writePart10, type DcmjsDataset } from '../dcmjsApi';

/** What a synthetic instance is made of; every field has a default (one 4x4 8-bit MONOCHROME2 frame). */
export interface SyntheticInstance {
  transferSyntaxUid?: string;
  sopInstanceUid?: string;
  /** Image Pixel attributes written as given; `undefined` leaves one out. */
  rows?: number;
  columns?: number;
  samplesPerPixel?: number;
  bitsAllocated?: number;
  photometricInterpretation?: string;
  numberOfFrames?: string;
  /** Native pixel data: written as one OB value. */
  pixelData?: Uint8Array;
  /** Encapsulated pixel data: written by hand after the data set (dcmjs would make its own offset table). */
  encapsulated?: { basicOffsetTable: number[]; fragments: Uint8Array[] };
  /** More attributes, in dcmjs's DICOM JSON shape. */
  extra?: DcmjsDataset;
}

export const syntheticStudyUid = '2.25.1001';
export const syntheticSeriesUid = '2.25.1001.1';
const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** A Part 10 file built with dcmjs, for tests that need pixel data real files do not have. */
export function syntheticPart10(instance: SyntheticInstance = {}): Buffer {
  const transferSyntaxUid = instance.transferSyntaxUid ?? '1.2.840.10008.1.2.1';
  const sopInstanceUid = instance.sopInstanceUid ?? '2.25.1001.1.1';
  const meta: DcmjsDataset = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [SECONDARY_CAPTURE] },
    '00020003': { vr: 'UI', Value: [sopInstanceUid] },
    '00020010': { vr: 'UI', Value: [transferSyntaxUid] },
    '00020012': { vr: 'UI', Value: ['2.25.1002'] },
  };
  const dict: DcmjsDataset = {
    '00080016': { vr: 'UI', Value: [SECONDARY_CAPTURE] },
    '00080018': { vr: 'UI', Value: [sopInstanceUid] },
    '00080060': { vr: 'CS', Value: ['OT'] },
    '0020000D': { vr: 'UI', Value: [syntheticStudyUid] },
    '0020000E': { vr: 'UI', Value: [syntheticSeriesUid] },
    ...instance.extra,
  };
  const pixelAttributes: Array<[string, string, unknown]> = [
    ['00280002', 'US', 'samplesPerPixel' in instance ? instance.samplesPerPixel : 1],
    ['00280004', 'CS', 'photometricInterpretation' in instance ? instance.photometricInterpretation : 'MONOCHROME2'],
    ['00280008', 'IS', instance.numberOfFrames],
    ['00280010', 'US', 'rows' in instance ? instance.rows : 4],
    ['00280011', 'US', 'columns' in instance ? instance.columns : 4],
    ['00280100', 'US', 'bitsAllocated' in instance ? instance.bitsAllocated : 8],
    ['00280103', 'US', 0],
  ];
  for (const [tag, vr, value] of pixelAttributes) if (value !== undefined) dict[tag] = { vr, Value: [value] };
  if (!instance.encapsulated) {
    const pixels = instance.pixelData ?? new Uint8Array(16).map((_, index) => index);
    dict['7FE00010'] = { vr: 'OB', Value: [pixels.slice().buffer] };
    return Buffer.from(writePart10(meta, dict));
  }
  return Buffer.concat([Buffer.from(writePart10(meta, dict)), encapsulatedPixelData(instance.encapsulated)]);
}

/** (7FE0,0010) OB of undefined length: the Basic Offset Table item, one item per fragment, the delimiter. */
function encapsulatedPixelData({
  basicOffsetTable,
  fragments,
}: NonNullable<SyntheticInstance['encapsulated']>): Buffer {
  const item = (value: Buffer) => Buffer.concat([header(0xfffe, 0xe000, value.length), value]);
  const table = Buffer.alloc(basicOffsetTable.length * 4);
  basicOffsetTable.forEach((offset, index) => table.writeUInt32LE(offset, index * 4));
  const element = Buffer.alloc(12);
  element.writeUInt16LE(0x7fe0, 0);
  element.writeUInt16LE(0x0010, 2);
  element.write('OB', 4, 'latin1');
  element.writeUInt32LE(0xffffffff, 8);
  return Buffer.concat([
    element,
    item(table),
    ...fragments.map(fragment => item(Buffer.from(fragment))),
    header(0xfffe, 0xe0dd, 0),
  ]);
}

function header(group: number, element: number, length: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt16LE(group, 0);
  bytes.writeUInt16LE(element, 2);
  bytes.writeUInt32LE(length, 4);
  return bytes;
}
