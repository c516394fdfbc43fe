/**
 * Where a HealthImaging import job writes its results and what the lines say (the developer guide, "Understanding
 * import jobs"): under `<outputS3Uri>/<datastoreId>-DicomImport-<jobId>/`, `job-output-manifest.json` (the job
 * summary), `SUCCESS/success.ndjson` (one line per imported file, with its image set) and `FAILURE/failure.ndjson`
 * (one line per refused file, with the exception). Read by `npm run import -- --via s3`, written by the local
 * emulation: one description for both.
 */

/** The folder of one job's results below the output prefix given to StartDICOMImportJob. */
export function jobOutputFolderName(datastoreId: string, jobId: string): string {
  return `${datastoreId}-DicomImport-${jobId}/`;
}

/**
 * The key prefix of one job's results. GetDICOMImportJob returns the job's own folder as `outputS3Uri`; a caller
 * holding only the prefix it passed to StartDICOMImportJob gets the folder appended.
 */
export function jobOutputPrefix(outputPrefix: string, datastoreId: string, jobId: string): string {
  const folder = jobOutputFolderName(datastoreId, jobId);
  const base = outputPrefix === '' || outputPrefix.endsWith('/') ? outputPrefix : `${outputPrefix}/`;
  return base.endsWith(folder) ? base : `${base}${folder}`;
}

export const manifestKey = 'job-output-manifest.json';
export const successKey = 'SUCCESS/success.ndjson';
export const failureKey = 'FAILURE/failure.ndjson';

/** A line of `success.ndjson`. `inputFile` names the S3 object the instance came from. */
export interface ImportSuccessLine {
  inputFile: string;
  importResponse: { imageSetId: string; isPrimary?: boolean };
}

/** A line of `failure.ndjson`. */
export interface ImportFailureLine {
  inputFile: string;
  exception: { exceptionType?: string; message: string };
}

/** `job-output-manifest.json`. */
export interface JobOutputManifest {
  jobSummary: {
    jobId: string;
    datastoreId: string;
    inputS3Uri: string;
    outputS3Uri: string;
    successOutputS3Uri: string;
    failureOutputS3Uri: string;
    numberOfScannedFiles: number;
    numberOfImportedFiles: number;
    numberOfFilesWithCustomerError: number;
    numberOfFilesWithServerError: number;
    numberOfGeneratedImageSets: number;
    imageSetsSummary: Array<{ imageSetId: string; numberOfMatchedSOPInstances: number; isPrimary?: boolean }>;
  };
}

/** The outcome of one file as the job output tells it. */
export type FileOutcome =
  | { outcome: 'imported'; inputFile: string; imageSetId: string; isPrimary?: boolean }
  | { outcome: 'failed'; inputFile: string; reason: string };

/** Reads one line of either file; undefined for a blank line; throws on a line that is neither shape. */
export function parseOutcomeLine(line: string, file: 'success' | 'failure'): FileOutcome | undefined {
  if (line.trim() === '') return undefined;
  const json = JSON.parse(line) as Partial<ImportSuccessLine & ImportFailureLine>;
  if (typeof json.inputFile !== 'string')
    throw new SyntaxError(`no inputFile in ${file}.ndjson line: ${line.slice(0, 200)}`);
  if (file === 'success') {
    const imageSetId = json.importResponse?.imageSetId;
    if (typeof imageSetId !== 'string')
      throw new SyntaxError(`no importResponse.imageSetId in success.ndjson line: ${line.slice(0, 200)}`);
    const outcome: FileOutcome = { outcome: 'imported', inputFile: json.inputFile, imageSetId };
    if (typeof json.importResponse?.isPrimary === 'boolean') outcome.isPrimary = json.importResponse.isPrimary;
    return outcome;
  }
  const exception = json.exception;
  const reason = [exception?.exceptionType, exception?.message]
    .filter(part => typeof part === 'string' && part !== '')
    .join(': ');
  return { outcome: 'failed', inputFile: json.inputFile, reason: reason || 'no reason given' };
}
