import { concat, copyBits } from './bytes';
import type { DcmjsDataset } from './dcmjsApi';
import { splitEncapsulatedFrames } from './EncapsulatedFrames';
import { InvalidDicomFileError } from './errors';
import type { Htj2kCodec } from './Htj2kCodec';
import type { ParsedPart10 } from './Part10Reader';
import {
  describeGeometry,
  isSubsampled,
  nativePixelDataBytes,
  readPixelGeometry,
  type PixelGeometry,
} from './PixelGeometry';
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
  /**
   * Set for native 1-bit frames whose bits do not fill whole bytes: their size in bits. Each entry of `frames`
   * then starts at bit 0 of its own bytes, but the stored file packs them bit after bit, as PS3.5 8.1.1 says.
   */
  unalignedFrameBits?: number;
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
  if (!parsed.pixelDataLayout) {
    return { dict, transferSyntaxUid: TransferSyntax.explicitLittleEndian, frames: [], encapsulated: false };
  }
  const geometry = readPixelGeometry(parsed.dict, sourceName);
  const native = isNativeSyntax(parsed.transferSyntaxUid);
  if (parsed.pixelDataLayout.encapsulated === native) {
    throw new InvalidDicomFileError(
      sourceName,
      native
        ? `pixel data is encapsulated (undefined length) but transfer syntax ${parsed.transferSyntaxUid} is uncompressed`
        : `pixel data of the compressed transfer syntax ${parsed.transferSyntaxUid} must be encapsulated (undefined length, fragments)`,
    );
  }
  if (!native) {
    return {
      dict,
      transferSyntaxUid: parsed.transferSyntaxUid,
      frames: splitEncapsulatedFrames(
        parsed.pixelDataLayout,
        parsed.dict['7FE00001'],
        geometry.numberOfFrames,
        sourceName,
      ),
      encapsulated: true,
    };
  }
  const values = (parsed.dict[PIXEL_DATA]?.Value ?? []).filter(
    (value): value is ArrayBuffer => value instanceof ArrayBuffer,
  );
  const frames = splitNativeFrames(
    values,
    geometry,
    parsed.transferSyntaxUid === TransferSyntax.explicitBigEndian,
    sourceName,
  );
  const fitsHtj2k =
    (geometry.bitsAllocated === 8 || geometry.bitsAllocated === 16) &&
    (geometry.samplesPerPixel === 1 || geometry.samplesPerPixel === 3) &&
    !isSubsampled(geometry);
  if (!fitsHtj2k) {
    const unaligned = geometry.frameBits % 8 === 0 ? {} : { unalignedFrameBits: geometry.frameBits };
    return { dict, transferSyntaxUid: TransferSyntax.explicitLittleEndian, frames, encapsulated: false, ...unaligned };
  }
  const frameInfo = {
    width: geometry.columns,
    height: geometry.rows,
    bitsPerSample: geometry.bitsAllocated,
    componentCount: geometry.samplesPerPixel,
    isSigned: geometry.signed,
  };
  const codestreams = frames.map(frame =>
    codec.encode(
      geometry.planar ? interleave(frame, geometry.samplesPerPixel, geometry.bitsAllocated / 8) : frame,
      frameInfo,
    ),
  );
  if (geometry.planar) dict['00280006'] = { vr: 'US', Value: [0] };
  return { dict, transferSyntaxUid: TransferSyntax.htj2kLosslessRpcl, frames: codestreams, encapsulated: true };
}

/**
 * Checks the native pixel data's length against its geometry (one padding byte to an even length allowed) and
 * cuts it into frames; big-endian samples are turned little-endian.
 */
function splitNativeFrames(
  values: ArrayBuffer[],
  geometry: PixelGeometry,
  bigEndian: boolean,
  sourceName: string,
): Uint8Array[] {
  const bytes =
    values.length === 1 ? new Uint8Array(values[0] as ArrayBuffer) : concat(values.map(value => new Uint8Array(value)));
  const needed = nativePixelDataBytes(geometry);
  if (bytes.length < needed || bytes.length > needed + (needed % 2)) {
    throw new InvalidDicomFileError(
      sourceName,
      `pixel data ${bytes.length < needed ? 'is truncated' : 'is longer than its geometry'}: ${bytes.length} bytes for ` +
        `${describeGeometry(geometry)} (${needed} bytes)`,
    );
  }
  const frames: Uint8Array[] = [];
  for (let index = 0; index < geometry.numberOfFrames; index++) {
    const frame =
      geometry.frameBits % 8 === 0
        ? sliceBytes(bytes, index, geometry.frameBits / 8)
        : copyBits(bytes, index * geometry.frameBits, geometry.frameBits);
    if (bigEndian && geometry.bitsAllocated > 8) reverseSampleBytes(frame, geometry.bitsAllocated / 8);
    frames.push(frame);
  }
  return frames;
}

function sliceBytes(bytes: Uint8Array, index: number, frameBytes: number): Uint8Array {
  return bytes.slice(index * frameBytes, (index + 1) * frameBytes);
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

/** Big-endian samples of `width` bytes to little-endian, in place. */
function reverseSampleBytes(bytes: Uint8Array, width: number): void {
  for (let start = 0; start + width <= bytes.length; start += width) {
    bytes.subarray(start, start + width).reverse();
  }
}
