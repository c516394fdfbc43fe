import { concat } from './bytes';
import type { DcmjsDataset } from './dcmjsApi';
import { InvalidDicomFileError } from './errors';
import type { Htj2kCodec } from './Htj2kCodec';
import { firstString, type ParsedPart10 } from './Part10Reader';
import { isNativeSyntax, TransferSyntax } from './transferSyntaxes';

/** An instance as it will be stored: the data set without pixel data, and the pixel data as frames. */
export interface StoredPixelData {
  /** The data set to store, pixel data removed (it is written from `frames`). */
  dict: DcmjsDataset;
  transferSyntaxUid: string;
  /** One entry per frame: an HTJ2K (or kept compressed) codestream, or raw little-endian samples. */
  frames: Uint8Array[];
  /** Whether `frames` is encapsulated (one fragment per frame) rather than native samples. */
  encapsulated: boolean;
}

const PIXEL_DATA = '7FE00010';
/** Extended Offset Table (Length): they describe the incoming encoding and are wrong after re-encoding. */
const ENCODING_SPECIFIC_TAGS = ['7FE00001', '7FE00002'];

/**
 * Turns a parsed file into what the store keeps, as HealthImaging does at import: native pixel data becomes
 * lossless HTJ2K; compressed pixel data (JPEG, JPEG-LS, JPEG 2000, RLE) is kept in its own transfer syntax
 * because no decoder for it is available here; native data HTJ2K cannot carry (1 or 32 bits per sample,
 * sub-sampled colour) is kept as Explicit VR Little Endian.
 */
export function toStoredPixelData(parsed: ParsedPart10, codec: Htj2kCodec, sourceName: string): StoredPixelData {
  const dict: DcmjsDataset = {};
  for (const [tag, element] of Object.entries(parsed.dict)) {
    // Elements after the pixel data (trailing padding, signatures) are dropped: frames are located from the end.
    if (tag > PIXEL_DATA || tag.startsWith('0002') || ENCODING_SPECIFIC_TAGS.includes(tag)) continue;
    if (tag !== PIXEL_DATA) dict[tag] = element;
  }
  const pixelData = parsed.dict[PIXEL_DATA];
  const values = (pixelData?.Value ?? []).filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
  if (values.length === 0) {
    return { dict, transferSyntaxUid: TransferSyntax.explicitLittleEndian, frames: [], encapsulated: false };
  }
  const numberOfFrames = integer(parsed.dict['00280008']) ?? 1;
  if (!isNativeSyntax(parsed.transferSyntaxUid)) {
    return {
      dict,
      transferSyntaxUid: parsed.transferSyntaxUid,
      frames: groupFragmentsIntoFrames(values, numberOfFrames, sourceName),
      encapsulated: true,
    };
  }
  const layout = pixelLayout(parsed.dict, numberOfFrames, sourceName);
  const frames = splitNativeFrames(values, layout, parsed.transferSyntaxUid === TransferSyntax.explicitBigEndian, sourceName);
  if (!layout.fitsHtj2k) {
    return { dict, transferSyntaxUid: TransferSyntax.explicitLittleEndian, frames, encapsulated: false };
  }
  const frameInfo = {
    width: layout.columns,
    height: layout.rows,
    bitsPerSample: layout.bitsAllocated,
    componentCount: layout.samplesPerPixel,
    isSigned: layout.signed,
  };
  const codestreams = frames.map(frame =>
    codec.encode(layout.planar ? interleave(frame, layout.samplesPerPixel, layout.bitsAllocated / 8) : frame, frameInfo),
  );
  if (layout.planar) dict['00280006'] = { vr: 'US', Value: [0] };
  return { dict, transferSyntaxUid: TransferSyntax.htj2kLosslessRpcl, frames: codestreams, encapsulated: true };
}

interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  signed: boolean;
  planar: boolean;
  numberOfFrames: number;
  frameBytes: number;
  fitsHtj2k: boolean;
}

function pixelLayout(dict: DcmjsDataset, numberOfFrames: number, sourceName: string): PixelLayout {
  const rows = integer(dict['00280010']);
  const columns = integer(dict['00280011']);
  const bitsAllocated = integer(dict['00280100']);
  if (!rows || !columns || !bitsAllocated) {
    throw new InvalidDicomFileError(sourceName, 'pixel data without Rows, Columns or BitsAllocated');
  }
  const samplesPerPixel = integer(dict['00280002']) ?? 1;
  const photometric = firstString(dict['00280004']);
  const samples = rows * columns * samplesPerPixel;
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    signed: integer(dict['00280103']) === 1,
    planar: samplesPerPixel > 1 && integer(dict['00280006']) === 1,
    numberOfFrames,
    frameBytes: bitsAllocated === 1 ? Math.ceil(samples / 8) : (samples * bitsAllocated) / 8,
    fitsHtj2k:
      (bitsAllocated === 8 || bitsAllocated === 16) &&
      (samplesPerPixel === 1 || samplesPerPixel === 3) &&
      !photometric.endsWith('_422') &&
      !photometric.endsWith('_420'),
  };
}

function splitNativeFrames(values: ArrayBuffer[], layout: PixelLayout, bigEndian: boolean, sourceName: string): Uint8Array[] {
  const bytes = concat(values.map(value => new Uint8Array(value)));
  const needed = layout.frameBytes * layout.numberOfFrames;
  if (bytes.length < needed) {
    throw new InvalidDicomFileError(
      sourceName,
      `pixel data is truncated: ${bytes.length} bytes for ${layout.numberOfFrames} frame(s) of ` +
        `${layout.rows}x${layout.columns}x${layout.samplesPerPixel} at ${layout.bitsAllocated} bits (${needed} bytes)`,
    );
  }
  const frames: Uint8Array[] = [];
  for (let index = 0; index < layout.numberOfFrames; index++) {
    const frame = bytes.slice(index * layout.frameBytes, (index + 1) * layout.frameBytes);
    if (bigEndian && layout.bitsAllocated === 16) swapBytePairs(frame);
    frames.push(frame);
  }
  return frames;
}

/**
 * dcmjs returns one value per frame when the file has a basic offset table, else one value per fragment.
 * Fragments are grouped into frames by counting (one frame, or as many fragments as frames) or by the codec
 * start markers (JPEG SOI, JPEG 2000 SOC) that open each frame.
 */
function groupFragmentsIntoFrames(values: ArrayBuffer[], numberOfFrames: number, sourceName: string): Uint8Array[] {
  const fragments = values.map(value => new Uint8Array(value));
  if (fragments.length === numberOfFrames) return fragments;
  if (numberOfFrames === 1) return [concat(fragments)];
  const frames: Uint8Array[][] = [];
  for (const fragment of fragments) {
    const opensFrame = fragment[0] === 0xff && (fragment[1] === 0xd8 || fragment[1] === 0x4f);
    if (opensFrame || frames.length === 0) frames.push([fragment]);
    else frames[frames.length - 1]?.push(fragment);
  }
  if (frames.length !== numberOfFrames) {
    throw new InvalidDicomFileError(
      sourceName,
      `cannot tell which of the ${fragments.length} pixel data fragments belong to which of the ` +
        `${numberOfFrames} frames (no basic offset table)`,
    );
  }
  return frames.map(concat);
}

/** Colour-by-plane (PlanarConfiguration 1) to colour-by-pixel, the order the HTJ2K encoder reads. */
function interleave(planes: Uint8Array, samplesPerPixel: number, bytesPerSample: number): Uint8Array {
  const pixelsPerPlane = planes.length / samplesPerPixel / bytesPerSample;
  const interleaved = new Uint8Array(planes.length);
  for (let pixel = 0; pixel < pixelsPerPlane; pixel++) {
    for (let component = 0; component < samplesPerPixel; component++) {
      const from = (component * pixelsPerPlane + pixel) * bytesPerSample;
      const to = (pixel * samplesPerPixel + component) * bytesPerSample;
      interleaved.set(planes.subarray(from, from + bytesPerSample), to);
    }
  }
  return interleaved;
}

function swapBytePairs(bytes: Uint8Array): void {
  for (let index = 0; index + 1 < bytes.length; index += 2) {
    const first = bytes[index] ?? 0;
    bytes[index] = bytes[index + 1] ?? 0;
    bytes[index + 1] = first;
  }
}

function integer(element: { Value?: unknown[] } | undefined): number | undefined {
  const value = Number(element?.Value?.[0]);
  return Number.isInteger(value) ? value : undefined;
}
