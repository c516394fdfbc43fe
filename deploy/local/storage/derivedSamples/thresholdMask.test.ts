import type { SourceImage } from './SourceImage';
import { largestSample, packBits, thresholdMask } from './thresholdMask';

const image = (pixels: number[]): SourceImage =>
  ({ rows: 2, columns: 2, pixels: Int16Array.from(pixels) }) as unknown as SourceImage;

describe('thresholdMask', () => {
  it('sets the pixels at or above the threshold', () => {
    expect([...thresholdMask(image([-5, 10, 9, 11]), 10)]).toEqual([0, 1, 0, 1]);
  });

  it('finds the largest sample of several images', () => {
    expect(largestSample([image([1, 2, 3, 4]), image([-1, 70, 3, 4])])).toBe(70);
  });
});

describe('packBits', () => {
  it('packs the first pixel into the lowest bit, frame after frame without byte alignment, to an even length', () => {
    // Two frames of 5 pixels: 10 bits, the second frame starting at bit 5 of the first byte.
    const packed = packBits([Uint8Array.from([1, 0, 0, 0, 1]), Uint8Array.from([1, 1, 0, 0, 0])]);
    expect([...packed]).toEqual([0b01110001, 0b00000000]);
    expect(packBits([Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1])])).toHaveLength(2);
  });
});
