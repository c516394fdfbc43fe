import type { DcmjsDataset } from './dcmjsApi';
import { InvalidDicomFileError } from './errors';
import { firstString } from './Part10Reader';

/** The Image Pixel attributes that fix how many bytes each frame of native pixel data takes. */
export interface PixelGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  signed: boolean;
  /** Colour by plane (PlanarConfiguration 1) rather than by pixel. */
  planar: boolean;
  photometricInterpretation: string;
  numberOfFrames: number;
  /** Bits one native frame takes (not always a whole number of bytes when BitsAllocated is 1). */
  frameBits: number;
}

/** Samples per pixel each PhotometricInterpretation requires (PS3.3 C.7.6.3.1.2); retired ones included. */
const SAMPLES_FOR_PHOTOMETRIC: Record<string, number> = {
  MONOCHROME1: 1,
  MONOCHROME2: 1,
  'PALETTE COLOR': 1,
  RGB: 3,
  HSV: 3,
  YBR_FULL: 3,
  YBR_FULL_422: 3,
  YBR_PARTIAL_422: 3,
  YBR_PARTIAL_420: 3,
  YBR_ICT: 3,
  YBR_RCT: 3,
  ARGB: 4,
  CMYK: 4,
};

/**
 * Reads and checks the pixel geometry of a data set that has pixel data, so that its size can be checked
 * before anything is stored.
 * @throws InvalidDicomFileError naming the attribute that is missing or impossible.
 */
export function readPixelGeometry(dict: DcmjsDataset, sourceName: string): PixelGeometry {
  const refuse = (reason: string): never => {
    throw new InvalidDicomFileError(sourceName, reason);
  };
  const rows = integer(dict['00280010']);
  const columns = integer(dict['00280011']);
  const bitsAllocated = integer(dict['00280100']);
  if (!rows || !columns || !bitsAllocated) {
    return refuse(
      'pixel data without Rows (0028,0010), Columns (0028,0011) or BitsAllocated (0028,0100), or one of them is 0',
    );
  }
  const photometricInterpretation = firstString(dict['00280004']);
  const impliedSamples = SAMPLES_FOR_PHOTOMETRIC[photometricInterpretation];
  if (photometricInterpretation !== '' && impliedSamples === undefined) {
    refuse(
      `PhotometricInterpretation (0028,0004) "${photometricInterpretation.slice(0, 20)}" is not a DICOM value (${Object.keys(SAMPLES_FOR_PHOTOMETRIC).join(', ')})`,
    );
  }
  const samplesPerPixel = integer(dict['00280002']) ?? impliedSamples ?? 1;
  if (impliedSamples !== undefined && samplesPerPixel !== impliedSamples) {
    refuse(
      `SamplesPerPixel (0028,0002) is ${samplesPerPixel} but PhotometricInterpretation ${photometricInterpretation} needs ${impliedSamples}`,
    );
  }
  if (bitsAllocated !== 1 && (bitsAllocated % 8 !== 0 || bitsAllocated > 64)) {
    refuse(`BitsAllocated (0028,0100) is ${bitsAllocated}: it must be 1 or a multiple of 8 up to 64`);
  }
  if (bitsAllocated === 1 && samplesPerPixel !== 1) refuse('BitsAllocated 1 is only allowed with one sample per pixel');
  const bitsStored = integer(dict['00280101']);
  if (bitsStored !== undefined && (bitsStored < 1 || bitsStored > bitsAllocated)) {
    refuse(`BitsStored (0028,0101) is ${bitsStored}: it must be 1 to BitsAllocated (${bitsAllocated})`);
  }
  const highBit = integer(dict['00280102']);
  if (highBit !== undefined && (highBit < 0 || highBit >= bitsAllocated)) {
    refuse(`HighBit (0028,0102) is ${highBit}: it must be below BitsAllocated (${bitsAllocated})`);
  }
  const numberOfFrames =
    dict['00280008'] === undefined || dict['00280008'].Value?.length === 0 ? 1 : integer(dict['00280008']);
  if (numberOfFrames === undefined || numberOfFrames < 1) {
    return refuse(
      `NumberOfFrames (0028,0008) is ${JSON.stringify(dict['00280008']?.Value?.[0])}: it must be a whole number of at least 1`,
    );
  }
  const planarConfiguration = integer(dict['00280006']) ?? 0;
  if (samplesPerPixel > 1 && planarConfiguration !== 0 && planarConfiguration !== 1) {
    refuse(`PlanarConfiguration (0028,0006) is ${planarConfiguration}: it must be 0 or 1`);
  }
  const geometry = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    signed: integer(dict['00280103']) === 1,
    planar: samplesPerPixel > 1 && planarConfiguration === 1,
    photometricInterpretation,
    numberOfFrames,
  };
  return { ...geometry, frameBits: samplesPerFrame(geometry) * geometry.bitsAllocated };
}

/**
 * Samples in one frame. Sub-sampled colour carries fewer than rows × columns × 3: 4:2:2 shares each Cb and Cr
 * between two horizontally adjacent pixels (two samples per pixel), 4:2:0 also between two rows (1.5).
 */
function samplesPerFrame({
  rows,
  columns,
  samplesPerPixel,
  photometricInterpretation,
}: Omit<PixelGeometry, 'frameBits'>): number {
  const chromaColumns = Math.ceil(columns / 2);
  if (photometricInterpretation.endsWith('_422')) return rows * (columns + 2 * chromaColumns);
  if (photometricInterpretation.endsWith('_420')) return rows * columns + 2 * Math.ceil(rows / 2) * chromaColumns;
  return rows * columns * samplesPerPixel;
}

/** Whether the geometry is sub-sampled colour (4:2:2 or 4:2:0), which the HTJ2K encoder here cannot take. */
export function isSubsampled(geometry: PixelGeometry): boolean {
  return geometry.photometricInterpretation.endsWith('_422') || geometry.photometricInterpretation.endsWith('_420');
}

/** Bytes all frames of native pixel data take, without the padding byte to an even length. */
export function nativePixelDataBytes(geometry: PixelGeometry): number {
  return Math.ceil((geometry.frameBits * geometry.numberOfFrames) / 8);
}

export function describeGeometry(geometry: PixelGeometry): string {
  const colour = geometry.photometricInterpretation ? ` ${geometry.photometricInterpretation}` : '';
  return (
    `${geometry.numberOfFrames} frame(s) of ${geometry.rows}x${geometry.columns}, ${geometry.samplesPerPixel} sample(s)` +
    `${colour} at ${geometry.bitsAllocated} bits`
  );
}

function integer(element: { Value?: unknown[] } | undefined): number | undefined {
  const raw = element?.Value?.[0];
  const value = typeof raw === 'string' ? Number(raw.trim()) : Number(raw);
  return raw !== undefined && raw !== null && raw !== '' && Number.isInteger(value) ? value : undefined;
}
