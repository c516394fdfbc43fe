import { concat, joinBits, toArrayBuffer } from './bytes';
import { writePart10, type DcmjsDataset } from './dcmjsApi';
import { DicomStoreError, InvalidDicomFileError } from './errors';
import type { StoredPixelData } from './Transcoder';

/** Where one frame's bytes sit in a stored file. */
export interface FrameLocation {
  offset: number;
  length: number;
  /**
   * For 1-bit frames that do not fill whole bytes (packed bit after bit): the frame's first bit in the byte at
   * `offset`, and its number of bits; `length` bytes hold them. Absent: the frame is `length` whole bytes.
   */
  bitOffset?: number;
  bits?: number;
}

/** Identifies the files this store writes (the File Meta's ImplementationClassUID is required). */
const IMPLEMENTATION_CLASS_UID = '2.25.255117004738301516372716934917302581529';
const IMPLEMENTATION_VERSION_NAME = 'LOCAL_AHI_1';
const ITEM_HEADER_LENGTH = 8;
const SEQUENCE_DELIMITER_LENGTH = 8;

/**
 * Writes the instance as a Part 10 file in its stored transfer syntax and returns where each frame is in it,
 * so frames are later read with one positioned read instead of a parse. The pixel data is the last element
 * (the transcoder drops anything after it), so the frames are located backwards from the end of the file.
 */
export function writeStoredInstance(
  stored: StoredPixelData,
  sopClassUid: string,
  sopInstanceUid: string,
  sourceName: string,
): { bytes: Uint8Array; frames: FrameLocation[]; pixelDataVr: string | undefined } {
  const meta: DcmjsDataset = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [sopClassUid] },
    '00020003': { vr: 'UI', Value: [sopInstanceUid] },
    '00020010': { vr: 'UI', Value: [stored.transferSyntaxUid] },
    '00020012': { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
    '00020013': { vr: 'SH', Value: [IMPLEMENTATION_VERSION_NAME] },
  };
  const dict: DcmjsDataset = { ...stored.dict };
  // Encapsulated pixel data is always OB; native is OW above 8 bits allocated.
  const pixelDataVr =
    stored.frames.length === 0 ? undefined : !stored.encapsulated && bitsAllocated(dict) > 8 ? 'OW' : 'OB';
  if (pixelDataVr) {
    const bits = stored.unalignedFrameBits;
    const native = bits === undefined ? concat(stored.frames) : joinBits(stored.frames, bits);
    const value = stored.encapsulated ? stored.frames.map(toArrayBuffer) : [toArrayBuffer(native)];
    dict['7FE00010'] = { vr: pixelDataVr, Value: value };
  }
  let bytes: Uint8Array;
  try {
    bytes = writePart10(meta, dict);
  } catch (error) {
    throw new InvalidDicomFileError(sourceName, `a value cannot be written back (${(error as Error).message})`);
  }
  const frames = stored.encapsulated
    ? locateFragments(bytes, stored.frames)
    : stored.unalignedFrameBits === undefined
      ? locateNative(bytes, stored.frames)
      : locateBitFrames(bytes, stored.frames.length, stored.unalignedFrameBits);
  return { bytes, frames, pixelDataVr };
}

function locateFragments(bytes: Uint8Array, frames: Uint8Array[]): FrameLocation[] {
  const locations: FrameLocation[] = [];
  let end = bytes.length - SEQUENCE_DELIMITER_LENGTH;
  for (let index = frames.length - 1; index >= 0; index--) {
    const length = frames[index]?.length ?? 0;
    const paddedLength = length + (length % 2);
    const offset = end - paddedLength;
    assertItemHeader(bytes, offset - ITEM_HEADER_LENGTH, paddedLength);
    locations.unshift({ offset, length });
    end = offset - ITEM_HEADER_LENGTH;
  }
  return locations;
}

function locateNative(bytes: Uint8Array, frames: Uint8Array[]): FrameLocation[] {
  const total = frames.reduce((sum, frame) => sum + frame.length, 0);
  let offset = bytes.length - total - (total % 2);
  return frames.map(frame => {
    const location = { offset, length: frame.length };
    offset += frame.length;
    return location;
  });
}

/** Frames packed bit after bit at the end of the file: the bytes each one's bits touch, and where in them it starts. */
function locateBitFrames(bytes: Uint8Array, count: number, frameBits: number): FrameLocation[] {
  const total = Math.ceil((count * frameBits) / 8);
  const start = bytes.length - total - (total % 2);
  return Array.from({ length: count }, (_, index) => {
    const firstBit = index * frameBits;
    const firstByte = Math.floor(firstBit / 8);
    return {
      offset: start + firstByte,
      length: Math.ceil((firstBit + frameBits) / 8) - firstByte,
      bitOffset: firstBit % 8,
      bits: frameBits,
    };
  });
}

/** Guards the backwards walk: a mismatch means the writer laid the file out differently than assumed. */
function assertItemHeader(bytes: Uint8Array, at: number, length: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    at < 0 ||
    view.getUint16(at, true) !== 0xfffe ||
    view.getUint16(at + 2, true) !== 0xe000 ||
    view.getUint32(at + 4, true) !== length
  ) {
    throw new DicomStoreError(
      `internal: pixel data item of ${length} bytes not found at offset ${at} of the written file`,
    );
  }
}

function bitsAllocated(dict: DcmjsDataset): number {
  return Number(dict['00280100']?.Value?.[0] ?? 8);
}
