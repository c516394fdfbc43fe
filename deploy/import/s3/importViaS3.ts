import type { DICOMImportJobProperties, MedicalImagingClient } from '@aws-sdk/client-medical-imaging';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SkippedFile } from '../findDicomFiles';
import { startImportJob, waitForImportJob } from './importJob';
import { jobOutputPrefix } from './importJobOutput';
import { readJobManifest, readJobOutcomes } from './readJobOutput';
import { formatS3Uri, parseS3Uri, type S3Location } from './S3Location';
import { minimumPartBytes } from './uploadDicomFile';
import { uploadFolder, type UploadProgress, type UploadSummary } from './uploadFolder';

export interface ImportViaS3Options {
  folder: string;
  s3Client: S3Client;
  medicalImagingClient: MedicalImagingClient;
  datastoreId: string;
  /** The role HealthImaging assumes to read the input and write the output (stack output ImportRoleArn). */
  roleArn: string;
  /** Where the files are uploaded; the job imports everything below this prefix. */
  input: S3Location;
  /** Where the job writes its results (job-output-manifest.json, SUCCESS/, FAILURE/). */
  output: S3Location;
  /** Files uploaded at once. Default 8. */
  concurrency?: number;
  /** Multipart part size, at least 5 MiB. Default 8 MiB. */
  partBytes?: number;
  /** First and longest wait between job status checks. Default 5 s and 60 s. */
  firstPollMs?: number;
  maxPollMs?: number;
  /** Default `import-<date and time>`. */
  jobName?: string;
  /**
   * A job started earlier (its id was shown): upload nothing and start nothing, only wait for it and report, e.g.
   * after the command was stopped while the job ran.
   */
  jobId?: string;
  onSkipped?: (file: SkippedFile) => void;
  onUploadProgress?: (progress: UploadProgress) => void;
  onJobStatus?: (status: { job: DICOMImportJobProperties; nextCheckMs?: number }) => void;
  /** Each file's outcome, as the job output is read (streamed, not collected). */
  onFile?: (report: FileReport) => void;
}

export type FileReport =
  | { name: string; outcome: 'imported'; imageSetId: string }
  | { name: string; outcome: 'failed'; reason: string }
  | { name: string; outcome: 'not-uploaded'; reason: string };

export interface ImportViaS3Summary {
  upload: Omit<UploadSummary, 'failed'> & { failed: number };
  inputS3Uri: string;
  jobId?: string;
  jobStatus?: string;
  /** HealthImaging's message for a job that FAILED as a whole. */
  jobMessage?: string;
  /** Where the job's results are. */
  jobOutputS3Uri?: string;
  imported: number;
  failed: number;
  /** Image sets the imported files went into. */
  imageSets: number;
  /** Files the job scanned for which its output has no line (per the job's manifest). */
  withoutOutcome: number;
}

export const defaultConcurrency = 8;
export const defaultPartBytes = 8 * 1024 * 1024;

/**
 * The import-job path: uploads the folder's DICOM files to S3 (skipping those already there), starts a HealthImaging
 * import job on the prefix, waits for it, then reads its output and tells each file's outcome. Used by
 * `npm run import -- --via s3` against AWS and against the local stack's emulation alike.
 * @throws ImportS3Error when S3 refuses the credentials; ImportJobError when the job cannot be started or read.
 */
export async function importViaS3(options: ImportViaS3Options): Promise<ImportViaS3Summary> {
  const partBytes = options.partBytes ?? defaultPartBytes;
  if (partBytes < minimumPartBytes)
    throw new RangeError(`partBytes must be at least ${minimumPartBytes} (S3's smallest part), got ${partBytes}`);
  const inputS3Uri = formatS3Uri(options.input);
  const nothingUploaded = { files: 0, bytes: 0, uploaded: 0, uploadedBytes: 0, present: 0, skipped: 0, failed: [] };
  const upload =
    options.jobId !== undefined
      ? nothingUploaded
      : await uploadFolder({
          folder: options.folder,
          s3Client: options.s3Client,
          location: options.input,
          concurrency: options.concurrency ?? defaultConcurrency,
          partBytes,
          ...(options.onSkipped ? { onSkipped: options.onSkipped } : {}),
          ...(options.onUploadProgress ? { onProgress: options.onUploadProgress } : {}),
        });
  for (const file of upload.failed) options.onFile?.({ name: file.name, outcome: 'not-uploaded', reason: file.reason });
  const summary: ImportViaS3Summary = {
    upload: { ...upload, failed: upload.failed.length },
    inputS3Uri,
    imported: 0,
    failed: 0,
    imageSets: 0,
    withoutOutcome: 0,
  };
  if (options.jobId === undefined && upload.files === 0) return summary;

  const jobId =
    options.jobId ??
    (await startImportJob({
      client: options.medicalImagingClient,
      datastoreId: options.datastoreId,
      roleArn: options.roleArn,
      inputS3Uri,
      outputS3Uri: formatS3Uri(options.output),
      jobName: options.jobName ?? `import-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    }));
  summary.jobId = jobId;
  const job = await waitForImportJob({
    client: options.medicalImagingClient,
    datastoreId: options.datastoreId,
    jobId,
    firstPollMs: options.firstPollMs ?? 5_000,
    maxPollMs: options.maxPollMs ?? 60_000,
    ...(options.onJobStatus ? { onStatus: options.onJobStatus } : {}),
  });
  summary.jobStatus = job.jobStatus;
  const reported = job.outputS3Uri ? parseS3Uri(job.outputS3Uri, 'outputS3Uri') : options.output;
  const folder = { bucket: reported.bucket, prefix: jobOutputPrefix(reported.prefix, options.datastoreId, jobId) };
  summary.jobOutputS3Uri = formatS3Uri(folder);
  if (job.jobStatus === 'FAILED') {
    summary.jobMessage = job.message ?? 'HealthImaging gave no reason';
    return summary;
  }

  const imageSets = new Set<string>();
  for await (const outcome of readJobOutcomes(options.s3Client, folder)) {
    const name = nameInFolder(outcome.inputFile, options.input);
    if (outcome.outcome === 'imported') {
      summary.imported += 1;
      imageSets.add(outcome.imageSetId);
      options.onFile?.({ name, outcome: 'imported', imageSetId: outcome.imageSetId });
    } else {
      summary.failed += 1;
      options.onFile?.({ name, outcome: 'failed', reason: outcome.reason });
    }
  }
  summary.imageSets = imageSets.size;
  const manifest = await readJobManifest(options.s3Client, folder);
  const scanned = manifest?.jobSummary.numberOfScannedFiles ?? summary.imported + summary.failed;
  summary.withoutOutcome = Math.max(0, scanned - summary.imported - summary.failed);
  return summary;
}

/** `s3://bucket/<prefix>a/b.dcm` (or `<prefix>a/b.dcm`) → `a/b.dcm`, the name the file has in the folder. */
function nameInFolder(inputFile: string, input: S3Location): string {
  const key = inputFile.startsWith(`s3://${input.bucket}/`)
    ? inputFile.slice(`s3://${input.bucket}/`.length)
    : inputFile;
  return key.startsWith(input.prefix) ? key.slice(input.prefix.length) : key;
}
