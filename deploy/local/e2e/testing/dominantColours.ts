import { PNG } from 'pngjs';

/** Pixels of a screenshot in which one primary dominates, by primary. */
export interface DominantColours {
  red: number;
  green: number;
}

/**
 * Counts the pixels of a screenshot where red or green exceeds both other channels by at least 60 of 255. A
 * grey-scale image has none, nor has OHIF's blue and cyan interface; a segmentation overlay drawn in pure red and
 * pure green (the sample SEG's recommended colours), blended over the image, has many of each.
 */
export function dominantColours(png: Buffer): DominantColours {
  const { data } = PNG.sync.read(png);
  const counts: DominantColours = { red: 0, green: 0 };
  for (let offset = 0; offset < data.length; offset += 4) {
    const [r, g, b] = [data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0];
    if (r - Math.max(g, b) >= 60) counts.red++;
    else if (g - Math.max(r, b) >= 60) counts.green++;
  }
  return counts;
}
