import { readFile } from 'node:fs/promises';
import { planBatches, type BatchLimits } from './batches';
import { ImportAuthorizationError, ImportSettingError } from './errors';
import { findDicomFiles, type DicomFile, type SkippedFile } from './findDicomFiles';
import { readPart10Meta } from './part10Meta';
import { postStow, serverMessage, type StowAnswer } from './postStow';
import { createImportRetryPolicy, type ImportRetrySettings } from './importRetryPolicy';
import { buildStowBody } from './stowRequest';
import { parseStowResponse } from './stowResponse';
import type { TokenSource } from './tokenSource';

export interface ImportFolderOptions {
  /** Folder searched recursively for DICOM Part 10 files. */
  folder: string;
  /**
   * DICOMweb root of the datastore, `.../datastore/<id>` (HealthImaging:
   * `https://dicom-medical-imaging.<region>.amazonaws.com/datastore/<id>`). Files are POSTed to `<root>/studies`.
   */
  dicomwebUrl: string;
  /** Bearer tokens: `clientCredentialsTokenSource(...)` or `staticTokenSource(token)`. */
  tokenSource: TokenSource;
  /** Files and bytes per request. Default 50 files, 100 MiB. */
  batch?: BatchLimits;
  /** Retries of throttled or failed requests. Default 6 retries, 500 ms doubling, at most 30 s. */
  retry?: ImportRetrySettings;
  /** Called after each request, and before each retry wait. Default: nothing. */
  onProgress?: (progress: ImportProgress) => void;
  /** The fetch implementation. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  accepted: number;
  rejected: number;
  /** Set while waiting to retry, e.g. `HTTP 429 Too many requests, retrying in 1.0 s`. */
  waiting?: string;
}

export interface AcceptedFile {
  name: string;
  sopInstanceUid?: string;
}

export interface RejectedFile {
  name: string;
  sopInstanceUid?: string;
  /** The server's FailureReason (0008,1197), when it refused the file in its STOW-RS answer. */
  failureReason?: number;
  /** For people: e.g. `0xC000 cannot understand: pixel data is truncated: ...` (code, meaning, server's reason). */
  reason: string;
}

export interface ImportSummary {
  accepted: AcceptedFile[];
  /** Files the server refused, or that were not sent because the import stopped. */
  rejected: RejectedFile[];
  /** Files not sent because they are not DICOM Part 10. */
  skipped: SkippedFile[];
  /** STOW-RS requests answered, and how many of them were retries. */
  requests: number;
  retries: number;
  /** Why the import stopped early (the credentials were refused), if it did. */
  stoppedBecause?: string;
}

/**
 * Imports every DICOM Part 10 file below a folder with STOW-RS, in batches, and reports per file whether the
 * server stored it, refused it (with the FailedSOPSequence reason) or it was skipped as not DICOM. Used by
 * `npm run import` and by the local stack.
 */
export async function importFolder(options: ImportFolderOptions): Promise<ImportSummary> {
  const stowUrl = `${assertDicomwebUrl(options.dicomwebUrl)}/studies`;
  if (!options.tokenSource || typeof options.tokenSource.getToken !== 'function') {
    throw new ImportSettingError(
      'tokenSource',
      'must be a token source (clientCredentialsTokenSource or staticTokenSource)',
    );
  }
  const retry = createImportRetryPolicy(options.retry);
  const found = await findDicomFiles(options.folder);
  const batches = planBatches(found.dicom, options.batch);

  const summary: ImportSummary = { accepted: [], rejected: [], skipped: [...found.skipped], requests: 0, retries: 0 };
  const progress: ImportProgress = {
    filesDone: 0,
    filesTotal: found.dicom.length,
    bytesDone: 0,
    bytesTotal: found.dicom.reduce((sum, file) => sum + file.bytes, 0),
    accepted: 0,
    rejected: 0,
  };
  const report = () =>
    options.onProgress?.({ ...progress, accepted: summary.accepted.length, rejected: summary.rejected.length });

  for (const [index, batch] of batches.entries()) {
    const contents = await Promise.all(batch.map(file => readFile(file.path)));
    const files = batch.map((file, position) => ({
      file,
      sopInstanceUid: readPart10Meta(contents[position]!).sopInstanceUid,
    }));
    let answer: StowAnswer;
    try {
      answer = await postStow(stowUrl, buildStowBody(contents), {
        tokenSource: options.tokenSource,
        retry,
        fetch: options.fetch ?? fetch,
        onRetry: ({ delayMs, reason }) => {
          progress.waiting = `${reason}, retrying in ${(delayMs / 1000).toFixed(1)} s`;
          report();
          delete progress.waiting;
        },
      });
    } catch (error) {
      if (!(error instanceof ImportAuthorizationError)) throw error;
      summary.stoppedBecause = error.message;
      for (const file of batches.slice(index).flat())
        summary.rejected.push({ name: file.name, reason: `not sent: ${error.message}` });
      break;
    }
    summary.requests += 1 + answer.retries;
    summary.retries += answer.retries;
    recordAnswer(answer, files, summary);
    progress.filesDone += batch.length;
    progress.bytesDone += batch.reduce((sum, file) => sum + file.bytes, 0);
    report();
  }
  return summary;
}

function recordAnswer(
  answer: StowAnswer,
  files: Array<{ file: DicomFile; sopInstanceUid: string | undefined }>,
  summary: ImportSummary,
): void {
  if ('networkError' in answer) {
    for (const { file, sopInstanceUid } of files)
      summary.rejected.push(
        withUid({ name: file.name, reason: `request failed: ${answer.networkError}` }, sopInstanceUid),
      );
    return;
  }
  const { stored, failed } = parseStowResponse(answer.body);
  const failures = new Map(
    failed.flatMap(instance =>
      instance.sopInstanceUid === undefined ? [] : [[instance.sopInstanceUid, instance] as const],
    ),
  );
  // Failures the server could not name an instance for (a part it could not parse) explain the files it did not
  // mention either.
  const unnamed = failed.filter(instance => instance.sopInstanceUid === undefined);
  const unnamedFailures = [...new Set(unnamed.map(instance => instance.description))];
  const unnamedCodes = new Set(unnamed.map(instance => instance.failureReason));
  const unnamedCode = unnamedCodes.size === 1 ? [...unnamedCodes][0] : undefined;
  const storedUids = new Set(stored.map(instance => instance.sopInstanceUid));
  const detailed = stored.length + failed.length > 0;
  const message = serverMessage(answer.body);
  for (const { file, sopInstanceUid } of files) {
    const failure = sopInstanceUid === undefined ? undefined : failures.get(sopInstanceUid);
    const reject = (reason: string, failureReason?: number) =>
      summary.rejected.push(
        withUid({ name: file.name, ...(failureReason === undefined ? {} : { failureReason }), reason }, sopInstanceUid),
      );
    if (failure !== undefined) reject(failure.description, failure.failureReason);
    else if (sopInstanceUid !== undefined && storedUids.has(sopInstanceUid))
      summary.accepted.push(withUid({ name: file.name }, sopInstanceUid));
    // 200 means every instance was stored; 202 (some failed) and 409 (all failed) need the instance listed as stored.
    else if (answer.status === 200 || (!detailed && answer.status >= 200 && answer.status < 300))
      summary.accepted.push(withUid({ name: file.name }, sopInstanceUid));
    else if (unnamedFailures.length > 0) reject(unnamedFailures.join(' or '), unnamedCode);
    else if (answer.status >= 200 && answer.status < 300)
      reject(`not listed as stored in the server's answer (HTTP ${answer.status})`);
    else reject(`HTTP ${answer.status}${message ? `: ${message}` : ''}`);
  }
}

function withUid<T extends object>(entry: T, sopInstanceUid: string | undefined): T & { sopInstanceUid?: string } {
  return sopInstanceUid === undefined ? entry : { ...entry, sopInstanceUid };
}

function assertDicomwebUrl(value: unknown): string {
  if (typeof value !== 'string' || !/^https?:\/\/[^\s]+\/datastore\/[^/\s]+\/?$/.test(value)) {
    throw new ImportSettingError(
      'dicomwebUrl',
      `must be the datastore's DICOMweb root, http(s)://<host>/datastore/<id>, got ${JSON.stringify(value)}`,
    );
  }
  return value.replace(/\/$/, '');
}
