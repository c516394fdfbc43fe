import type { SourceImage } from './SourceImage';

/** One pixel per byte, 1 where the image's sample is at least `threshold`, 0 elsewhere. */
export function thresholdMask(image: SourceImage, threshold: number): Uint8Array {
  const mask = new Uint8Array(image.rows * image.columns);
  image.pixels.forEach((sample, index) => {
    if (sample >= threshold) mask[index] = 1;
  });
  return mask;
}

/** The largest sample of all the images (the scale the thresholds are fractions of). */
export function largestSample(images: SourceImage[]): number {
  let largest = -Infinity;
  for (const image of images) for (const sample of image.pixels) if (sample > largest) largest = sample;
  return largest;
}

/**
 * Frames of one bit per pixel packed as DICOM packs them (PS3.5 8.1.1): the first pixel in the lowest bit of the
 * first byte, and each frame starting at the bit after the previous one's last, not at a byte boundary.
 */
export function packBits(frames: Uint8Array[]): Uint8Array {
  const bits = frames.reduce((sum, frame) => sum + frame.length, 0);
  const packed = new Uint8Array(Math.ceil(bits / 8) + (Math.ceil(bits / 8) % 2));
  let bit = 0;
  for (const frame of frames) {
    for (const value of frame) {
      if (value) packed[bit >> 3] = (packed[bit >> 3] ?? 0) | (1 << (bit & 7));
      bit++;
    }
  }
  return packed;
}
