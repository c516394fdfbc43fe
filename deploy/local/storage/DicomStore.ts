import { mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { TEMP_SUFFIX, writeFileAtomic } from './AtomicFile';
import { Catalogue, sortedByTag, type InstanceRecord } from './Catalogue';
import { concat, copyBits } from './bytes';
import { readPart10 } from './dcmjsApi';
import { toDicomJson, type DicomJson } from './DicomJson';
import {
  DataFolderError,
  FrameNumberError,
  InvalidDicomFileError,
  StoreArgumentError,
  UnsupportedTranscodeError,
} from './errors';
import { Htj2kCodec } from './Htj2kCodec';
import { firstString, parsePart10, type ParsedPart10 } from './Part10Reader';
import { writeStoredInstance } from './Part10Writer';
import { compileFiltersByLevel, resolvePage, type Page } from './QueryMatcher';
import { toStoredPixelData, type StoredPixelData } from './Transcoder';
import { TransferSyntax } from './transferSyntaxes';

export type { DicomJson } from './DicomJson';
export type { Page } from './QueryMatcher';

/** The transfer syntaxes frames can be asked in: as stored (HTJ2K), or decoded to raw little-endian samples. */
export type FrameSyntax = 'htj2k' | 'explicit-little-endian';

/** The result of importing one Part 10 file. */
export interface ImportOutcome {
  /** `stored`: new instance; `duplicate`: an instance with this SOPInstanceUID was already stored and is kept. */
  status: 'stored' | 'duplicate';
  sourceName: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** The syntax the instance is stored and served in (HTJ2K for every uncompressed input). */
  storedTransferSyntaxUid: string;
  originalTransferSyntaxUid: string;
  numberOfFrames: number;
}

/** A file a folder import did not take, and why. */
export interface RejectedFile {
  sourceName: string;
  reason: string;
}

/** The result of importing a folder: every file is in exactly one of the three lists. */
export interface ImportReport {
  accepted: ImportOutcome[];
  duplicates: ImportOutcome[];
  rejected: RejectedFile[];
}

const INSTANCES_FOLDER = 'instances';
const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;
const PIXEL_DATA = '7FE00010';

/**
 * Persistent storage behind the local HealthImaging-compatible DICOMweb endpoint.
 *
 * Layout: `<dataDir>/instances/<study>/<series>/<sop>.dcm` (the Part 10 file as stored, HTJ2K for uncompressed
 * input) and `<sop>.json` (DICOM JSON metadata, bulk data tags, frame offsets). The sidecar is written after the
 * file and is the commit point: at open the catalogue is rebuilt from the sidecars, and leftovers of an
 * interrupted import (temporary files, a `.dcm` without its sidecar) are removed.
 */
export class DicomStore {
  private readonly catalogue = new Catalogue();
  /**
   * Imports in progress by SOP Instance UID: a second copy arriving meanwhile (the same instance twice in one
   * STOW-RS request, or in two at once) waits for the first and is then answered as a duplicate, never written
   * twice.
   */
  private readonly importing = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly instancesDir: string,
    private readonly codec: Htj2kCodec,
  ) {}

  /** Opens (creating if needed) a data folder and loads its catalogue. */
  static async open(dataDir: string): Promise<DicomStore> {
    if (typeof dataDir !== 'string' || dataDir === '') {
      throw new StoreArgumentError('DicomStore.open needs the path of a data folder');
    }
    const instancesDir = join(dataDir, INSTANCES_FOLDER);
    await mkdir(instancesDir, { recursive: true });
    const store = new DicomStore(instancesDir, await Htj2kCodec.load());
    await store.loadCatalogue();
    return store;
  }

  /**
   * Imports one Part 10 file (a file's bytes, or one STOW-RS part), transcoding uncompressed pixel data to
   * lossless HTJ2K. An instance whose SOPInstanceUID is already stored is not replaced: the outcome says
   * `duplicate`.
   * @throws InvalidDicomFileError naming `sourceName` when the bytes are not a usable DICOM instance.
   */
  async importPart10(bytes: Uint8Array, sourceName: string): Promise<ImportOutcome> {
    if (!(bytes instanceof Uint8Array))
      throw new StoreArgumentError('importPart10 needs the file bytes as a Uint8Array');
    if (typeof sourceName !== 'string' || !sourceName) throw new StoreArgumentError('importPart10 needs a sourceName');
    const parsed = parsePart10(bytes, sourceName);
    const studyInstanceUid = requireUid(parsed.dict, '0020000D', 'StudyInstanceUID', sourceName);
    const seriesInstanceUid = requireUid(parsed.dict, '0020000E', 'SeriesInstanceUID', sourceName);
    const sopInstanceUid = requireUid(parsed.dict, '00080018', 'SOPInstanceUID', sourceName);
    const sopClassUid = requireUid(parsed.dict, '00080016', 'SOPClassUID', sourceName);
    const outcome = (status: ImportOutcome['status'], record: InstanceRecord) => toOutcome(status, sourceName, record);
    // Transcoding comes first: it also checks the pixel data, so a damaged copy of a stored instance is rejected.
    const stored = toStoredPixelData(parsed, this.codec, sourceName);
    for (let inFlight = this.importing.get(sopInstanceUid); inFlight; inFlight = this.importing.get(sopInstanceUid)) {
      await inFlight.catch(() => undefined);
    }
    const existing = this.catalogue.instanceBySop(sopInstanceUid);
    if (existing) return outcome('duplicate', existing);
    const writing = this.writeInstance(
      stored,
      parsed,
      { studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid },
      sourceName,
    );
    this.importing.set(sopInstanceUid, writing);
    try {
      return outcome('stored', await writing);
    } finally {
      this.importing.delete(sopInstanceUid);
    }
  }

  /**
   * What importing another copy of a stored instance gives (`duplicate`), without reading that copy: for a caller
   * that knows the SOP Instance UID and has no copy to check (the sample data, looked at on every start).
   * Undefined when no instance with this UID is stored or being stored.
   */
  storedOutcome(sopInstanceUid: string, sourceName: string): ImportOutcome | undefined {
    if (typeof sopInstanceUid !== 'string' || typeof sourceName !== 'string') {
      throw new StoreArgumentError('storedOutcome needs a SOP Instance UID and a sourceName');
    }
    if (this.importing.has(sopInstanceUid)) return undefined;
    const record = this.catalogue.instanceBySop(sopInstanceUid);
    return record && toOutcome('duplicate', sourceName, record);
  }

  /** Writes the `.dcm`, then the sidecar (the commit point), then adds the instance to the catalogue. */
  private async writeInstance(
    stored: StoredPixelData,
    parsed: ParsedPart10,
    uids: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUid: string; sopClassUid: string },
    sourceName: string,
  ): Promise<InstanceRecord> {
    const { studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid } = uids;
    const written = writeStoredInstance(stored, sopClassUid, sopInstanceUid, sourceName);
    const { metadata, bulkTags } = toDicomJson(stored.dict, written.pixelDataVr);
    metadata['00020010'] = { vr: 'UI', Value: [stored.transferSyntaxUid] };
    metadata['00083002'] = { vr: 'UI', Value: [stored.transferSyntaxUid] };
    const record: InstanceRecord = {
      formatVersion: 1,
      studyInstanceUid,
      seriesInstanceUid,
      sopInstanceUid,
      sourceName,
      transferSyntaxUid: stored.transferSyntaxUid,
      originalTransferSyntaxUid: parsed.transferSyntaxUid,
      metadata,
      bulkTags,
      frames: written.frames,
    };
    const folder = join(this.instancesDir, studyInstanceUid, seriesInstanceUid);
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, `${sopInstanceUid}.dcm`), written.bytes);
    await writeFileAtomic(join(folder, `${sopInstanceUid}.json`), JSON.stringify(record));
    this.catalogue.add(record);
    return record;
  }

  /**
   * Imports every file under `dir` (recursively, in name order). A file that is not a usable DICOM instance
   * is listed in `rejected` with the reason and the import goes on.
   */
  async importFolder(dir: string): Promise<ImportReport> {
    if (typeof dir !== 'string' || !dir) throw new StoreArgumentError('importFolder needs the path of a folder');
    const report: ImportReport = { accepted: [], duplicates: [], rejected: [] };
    for (const path of await listFiles(dir)) {
      try {
        const outcome = await this.importPart10(await readFile(path), path);
        (outcome.status === 'stored' ? report.accepted : report.duplicates).push(outcome);
      } catch (error) {
        if (!(error instanceof InvalidDicomFileError)) throw error;
        report.rejected.push({ sourceName: path, reason: error.reason });
      }
    }
    return report;
  }

  /** QIDO-RS study search (attribute filters by keyword or tag; see README for the matching rules). */
  searchStudies(filters: Record<string, string>, page: Page): DicomJson[] {
    const compiled = compileFiltersByLevel(filters, 'study');
    return this.catalogue.searchStudies(compiled, resolvePage(page));
  }

  /** QIDO-RS series search, in one study or (studyUid undefined) across all. */
  searchSeries(studyUid: string | undefined, filters: Record<string, string>, page: Page): DicomJson[] {
    const compiled = compileFiltersByLevel(filters, 'series');
    return this.catalogue.searchSeries(studyUid, compiled, resolvePage(page));
  }

  /** QIDO-RS instance search, in one series, one study, or across all. */
  searchInstances(
    studyUid: string | undefined,
    seriesUid: string | undefined,
    filters: Record<string, string>,
    page: Page,
  ): DicomJson[] {
    const compiled = compileFiltersByLevel(filters, 'instance');
    return this.catalogue.searchInstances(studyUid, seriesUid, compiled, resolvePage(page));
  }

  /**
   * WADO-RS series metadata: one DICOM JSON per instance, ordered by InstanceNumber; undefined if unknown. Each
   * instance's JSON is built as the answer is iterated (the endpoint serializes it item by item, yielding to the
   * event loop), over the series as it was at the call.
   */
  seriesMetadata(studyUid: string, seriesUid: string, bulkDataBaseUrl: string): Iterable<DicomJson> | undefined {
    const base = checkBaseUrl(bulkDataBaseUrl);
    const records = this.catalogue.seriesInstances(studyUid, seriesUid);
    return (
      records && {
        *[Symbol.iterator]() {
          for (const record of records) yield withBulkDataUris(record, base);
        },
      }
    );
  }

  /** WADO-RS instance metadata; undefined if unknown. */
  instanceMetadata(
    studyUid: string,
    seriesUid: string,
    sopUid: string,
    bulkDataBaseUrl: string,
  ): DicomJson | undefined {
    const base = checkBaseUrl(bulkDataBaseUrl);
    const record = this.catalogue.instance(studyUid, seriesUid, sopUid);
    return record && withBulkDataUris(record, base);
  }

  /**
   * Frames by 1-based number: `htj2k` returns the stored codestreams, `explicit-little-endian` raw samples
   * (decoded from HTJ2K; as HealthImaging does when no transfer syntax is asked). Undefined if unknown.
   * @throws UnsupportedTranscodeError when the instance is stored in a syntax that cannot give `syntax`.
   * @throws FrameNumberError for no frame numbers or a number outside 1..NumberOfFrames.
   */
  async frames(
    studyUid: string,
    seriesUid: string,
    sopUid: string,
    frameNumbers: number[],
    syntax: FrameSyntax,
  ): Promise<Uint8Array[] | undefined> {
    const record = this.catalogue.instance(studyUid, seriesUid, sopUid);
    if (!record) return undefined;
    const stored = record.transferSyntaxUid;
    const isHtj2k = stored === TransferSyntax.htj2kLosslessRpcl;
    const canServe =
      syntax === 'htj2k'
        ? isHtj2k
        : syntax === 'explicit-little-endian' && (isHtj2k || stored === TransferSyntax.explicitLittleEndian);
    if (!canServe) throw new UnsupportedTranscodeError(stored, String(syntax));
    const frames = await this.readFrames(record, frameNumbers);
    return syntax === 'explicit-little-endian' && isHtj2k
      ? frames.map(frame => this.codec.decode(frame).pixels)
      : frames;
  }

  /** Frames exactly as stored, with their transfer syntax (for `Accept: transfer-syntax=*`). Undefined if unknown. */
  async storedFrames(
    studyUid: string,
    seriesUid: string,
    sopUid: string,
    frameNumbers: number[],
  ): Promise<{ transferSyntaxUid: string; frames: Uint8Array[] } | undefined> {
    const record = this.catalogue.instance(studyUid, seriesUid, sopUid);
    if (!record) return undefined;
    return { transferSyntaxUid: record.transferSyntaxUid, frames: await this.readFrames(record, frameNumbers) };
  }

  /** The stored Part 10 file (HTJ2K for uncompressed input); undefined if unknown. */
  async instancePart10(studyUid: string, seriesUid: string, sopUid: string): Promise<Uint8Array | undefined> {
    const record = this.catalogue.instance(studyUid, seriesUid, sopUid);
    return record && new Uint8Array(await readFile(this.filePath(record, '.dcm')));
  }

  /**
   * The value of a bulk data attribute named in the metadata's BulkDataURIs (8-digit hex tag). Pixel data is
   * the stored frames one after the other (ask for frames to get them one by one). Undefined if unknown.
   */
  async bulkdata(studyUid: string, seriesUid: string, sopUid: string, tag: string): Promise<Uint8Array | undefined> {
    const record = this.catalogue.instance(studyUid, seriesUid, sopUid);
    const normalizedTag = String(tag).toUpperCase();
    if (!record || !(normalizedTag in record.bulkTags)) return undefined;
    if (normalizedTag === PIXEL_DATA) {
      const [first] = record.frames;
      const last = record.frames[record.frames.length - 1];
      // Frames packed bit after bit are served as the value holds them, not one after the other from byte boundaries.
      if (first?.bits !== undefined && last)
        return this.readRange(record, first.offset, last.offset + last.length - first.offset);
      return concat(
        await this.readFrames(
          record,
          record.frames.map((_, index) => index + 1),
        ),
      );
    }
    const bytes = await readFile(this.filePath(record, '.dcm'));
    const { dict } = readPart10(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const values = (dict[normalizedTag]?.Value ?? []).filter(
      (value): value is ArrayBuffer => value instanceof ArrayBuffer,
    );
    return concat(values.map(value => new Uint8Array(value)));
  }

  counts(): { studies: number; series: number; instances: number } {
    return this.catalogue.counts();
  }

  private async readFrames(record: InstanceRecord, frameNumbers: number[]): Promise<Uint8Array[]> {
    if (!Array.isArray(frameNumbers) || frameNumbers.length === 0) {
      throw new FrameNumberError('ask for at least one frame number (frames are numbered from 1)');
    }
    const locations = frameNumbers.map(frameNumber => {
      const location = Number.isInteger(frameNumber) ? record.frames[frameNumber - 1] : undefined;
      if (!location) {
        throw new FrameNumberError(
          `frame ${frameNumber} does not exist: instance ${record.sopInstanceUid} has frames 1 to ${record.frames.length}`,
        );
      }
      return location;
    });
    const handle = await open(this.filePath(record, '.dcm'), 'r');
    try {
      return await Promise.all(
        locations.map(async ({ offset, length, bitOffset, bits }) => {
          const frame = new Uint8Array(length);
          await handle.read(frame, 0, length, offset);
          return bits === undefined ? frame : copyBits(frame, bitOffset ?? 0, bits);
        }),
      );
    } finally {
      await handle.close();
    }
  }

  private async readRange(record: InstanceRecord, offset: number, length: number): Promise<Uint8Array> {
    const handle = await open(this.filePath(record, '.dcm'), 'r');
    try {
      const bytes = new Uint8Array(length);
      await handle.read(bytes, 0, length, offset);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  private filePath(record: InstanceRecord, extension: '.dcm' | '.json'): string {
    return join(
      this.instancesDir,
      record.studyInstanceUid,
      record.seriesInstanceUid,
      `${record.sopInstanceUid}${extension}`,
    );
  }

  /** Rebuilds the catalogue from the sidecars and removes what an interrupted import left behind. */
  private async loadCatalogue(): Promise<void> {
    const files = await listFiles(this.instancesDir);
    const sidecars = new Set(files.filter(path => path.endsWith('.json')));
    for (const path of files) {
      const orphanFile = path.endsWith('.dcm') && !sidecars.has(`${path.slice(0, -'.dcm'.length)}.json`);
      if (path.endsWith(TEMP_SUFFIX) || orphanFile) await rm(path, { force: true });
    }
    for (const path of sidecars) {
      let record: InstanceRecord;
      try {
        record = JSON.parse(await readFile(path, 'utf8')) as InstanceRecord;
      } catch (error) {
        throw new DataFolderError(
          `${relative(this.instancesDir, path)} in the data folder is not readable JSON (${(error as Error).message}); ` +
            'remove it and its .dcm, then import the instance again',
        );
      }
      if (record.formatVersion !== 1) {
        throw new DataFolderError(
          `${relative(this.instancesDir, path)} has an unknown format version ${String(record.formatVersion)}`,
        );
      }
      this.catalogue.add(record);
    }
  }
}

function toOutcome(status: ImportOutcome['status'], sourceName: string, record: InstanceRecord): ImportOutcome {
  return {
    status,
    sourceName,
    studyInstanceUid: record.studyInstanceUid,
    seriesInstanceUid: record.seriesInstanceUid,
    sopInstanceUid: record.sopInstanceUid,
    storedTransferSyntaxUid: record.transferSyntaxUid,
    originalTransferSyntaxUid: record.originalTransferSyntaxUid,
    numberOfFrames: record.frames.length,
  };
}

function withBulkDataUris(record: InstanceRecord, base: string): DicomJson {
  const metadata: DicomJson = { ...record.metadata };
  const instanceUrl = `${base}/studies/${record.studyInstanceUid}/series/${record.seriesInstanceUid}/instances/${record.sopInstanceUid}`;
  for (const [tag, vr] of Object.entries(record.bulkTags)) {
    metadata[tag] = { vr, BulkDataURI: `${instanceUrl}/bulkdata/${tag}` };
  }
  return sortedByTag(metadata);
}

function checkBaseUrl(bulkDataBaseUrl: string): string {
  if (typeof bulkDataBaseUrl !== 'string' || !/^https?:\/\/[^/]/.test(bulkDataBaseUrl)) {
    throw new StoreArgumentError(
      `bulkDataBaseUrl must be the absolute .../datastore/<id> URL (http or https), got ${JSON.stringify(bulkDataBaseUrl)}`,
    );
  }
  return bulkDataBaseUrl.replace(/\/+$/, '');
}

function requireUid(
  dict: Record<string, { Value?: unknown[]; _rawValue?: unknown }>,
  tag: string,
  keyword: string,
  sourceName: string,
): string {
  // dcmjs drops the characters a UID may not hold (`1.2.3x` reads as `1.2.3`): the value as written is checked.
  const raw = dict[tag]?._rawValue;
  const written = Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0].replace(/[\0 ]+$/, '').trim() : undefined;
  const value = written ?? firstString(dict[tag]);
  if (!UID_PATTERN.test(value) || value.length > 64) {
    const found = value ? `"${value}" is not a valid UID` : 'it is missing';
    throw new InvalidDicomFileError(
      sourceName,
      `${keyword} (${tag.slice(0, 4)},${tag.slice(4)}) is required and ${found}`,
    );
  }
  return value;
}

/** Regular files under `dir`, recursively, sorted by path. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name))
    .sort();
}
