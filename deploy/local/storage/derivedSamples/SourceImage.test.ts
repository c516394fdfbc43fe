import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { daikonTestDataDir } from '../sampleData';
import { readSourceImage, sliceSpacing, sortAlongNormal } from './SourceImage';
import { daikonMrSeries } from './testing/daikonMrSeries';

describe('readSourceImage', () => {
  it('reads a real MR slice: its samples and image plane', async () => {
    const { images } = await daikonMrSeries();
    const slice = images[9]!;
    expect([slice.rows, slice.columns, slice.pixels.length]).toEqual([256, 256, 65536]);
    expect(slice.pixels).toBeInstanceOf(Int16Array);
    expect(slice.pixelSpacing).toEqual([0.859375, 0.859375]);
    expect(slice.dataset.PixelData).toBeUndefined();
  });

  it('refuses a compressed image, saying what a source image must be', async () => {
    const bytes = new Uint8Array(await readFile(join(daikonTestDataDir(), 'jpeg_2000.dcm')));
    expect(() => readSourceImage(bytes, 'jpeg_2000.dcm')).toThrow(
      'jpeg_2000.dcm: a source image must be uncompressed little endian, not 1.2.840.10008.1.2.4.91',
    );
  });
});

describe('sortAlongNormal and sliceSpacing', () => {
  it('order the slices along their normal and give the distance between their centres', async () => {
    const { images } = await daikonMrSeries();
    const sorted = sortAlongNormal([...images].reverse());
    expect(sorted.map(image => image.dataset.InstanceNumber)).toEqual(
      images.map(image => image.dataset.InstanceNumber),
    );
    // 5 mm slices with a 2 mm gap.
    expect(sliceSpacing(sorted)).toBeCloseTo(7.07, 2);
  });
});
