import { naturalize, type NaturalDataset } from '../dcmjsApi';
import { InvalidDicomFileError } from '../errors';
import { parsePart10 } from '../Part10Reader';
import { isNativeSyntax, TransferSyntax } from '../transferSyntaxes';

/** One slice of the series the sample objects are derived from: its attributes by keyword and its samples. */
export interface SourceImage {
  /** The data set by keyword, without PixelData. */
  dataset: NaturalDataset;
  rows: number;
  columns: number;
  /** The samples, row by row (one per pixel: grey-scale only). */
  pixels: Int16Array | Uint16Array | Uint8Array;
  /**
   * ImagePositionPatient, ImageOrientationPatient (row direction, then column direction) and PixelSpacing (row,
   * column).
   */
  position: [number, number, number];
  orientation: [number, number, number, number, number, number];
  pixelSpacing: [number, number];
}

/**
 * Reads one slice of a grey-scale series from its Part 10 bytes. Only what the derivations need is accepted: one
 * sample per pixel, 8 or 16 bits, uncompressed little endian, with the image plane attributes.
 * @throws InvalidDicomFileError naming `sourceName` and what it lacks.
 */
export function readSourceImage(bytes: Uint8Array, sourceName: string): SourceImage {
  const parsed = parsePart10(bytes, sourceName);
  if (!isNativeSyntax(parsed.transferSyntaxUid) || parsed.transferSyntaxUid === TransferSyntax.explicitBigEndian) {
    throw new InvalidDicomFileError(
      sourceName,
      `a source image must be uncompressed little endian, not ${parsed.transferSyntaxUid}`,
    );
  }
  const dataset = naturalize(parsed.dict);
  const pixelData = dataset.PixelData as ArrayBuffer[] | undefined;
  delete dataset.PixelData;
  const rows = Number(dataset.Rows);
  const columns = Number(dataset.Columns);
  const bitsAllocated = Number(dataset.BitsAllocated);
  if (Number(dataset.SamplesPerPixel ?? 1) !== 1 || (bitsAllocated !== 8 && bitsAllocated !== 16) || !pixelData?.[0]) {
    throw new InvalidDicomFileError(
      sourceName,
      'a source image must be grey-scale (one sample per pixel) at 8 or 16 bits, with pixel data',
    );
  }
  const buffer = pixelData[0];
  const count = rows * columns;
  const pixels =
    bitsAllocated === 8
      ? new Uint8Array(buffer, 0, count)
      : Number(dataset.PixelRepresentation) === 1
        ? new Int16Array(buffer.slice(0, count * 2))
        : new Uint16Array(buffer.slice(0, count * 2));
  return {
    dataset,
    rows,
    columns,
    pixels,
    position: numbers(
      dataset.ImagePositionPatient,
      3,
      'ImagePositionPatient (0020,0032)',
      sourceName,
    ) as SourceImage['position'],
    orientation: numbers(
      dataset.ImageOrientationPatient,
      6,
      'ImageOrientationPatient (0020,0037)',
      sourceName,
    ) as SourceImage['orientation'],
    pixelSpacing: numbers(
      dataset.PixelSpacing,
      2,
      'PixelSpacing (0028,0030)',
      sourceName,
    ) as SourceImage['pixelSpacing'],
  };
}

/** The slices of one series in order along the slice normal (the order a stack viewport shows them). */
export function sortAlongNormal(images: SourceImage[]): SourceImage[] {
  return [...images].sort((a, b) => distanceAlongNormal(a) - distanceAlongNormal(b));
}

/** The distance between consecutive slices along the normal (their positions projected on it). */
export function sliceSpacing(sorted: SourceImage[]): number {
  const [first, second] = sorted;
  if (!first || !second) throw new RangeError('the spacing between slices needs at least two slices');
  return Math.abs(distanceAlongNormal(second) - distanceAlongNormal(first));
}

function distanceAlongNormal(image: SourceImage): number {
  const [rx, ry, rz, cx, cy, cz] = image.orientation;
  const normal = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  return image.position.reduce((sum, value, axis) => sum + value * (normal[axis] ?? 0), 0);
}

function numbers(value: unknown, count: number, name: string, sourceName: string): number[] {
  const list = Array.isArray(value) ? value.map(Number) : [];
  if (list.length !== count || list.some(item => !Number.isFinite(item))) {
    throw new InvalidDicomFileError(sourceName, `a source image needs ${name} with ${count} numbers`);
  }
  return list;
}
