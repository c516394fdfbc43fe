import type { S3Client } from '@aws-sdk/client-s3';
import { ImportS3Error } from '../errors';
import type { SkippedFile } from '../findDicomFiles';
import { walkDicomFiles } from '../walkDicomFiles';
import { forEachConcurrently } from './forEachConcurrently';
import type { S3Location } from './S3Location';
import { uploadDicomFile } from './uploadDicomFile';

export interface UploadFolderOptions {
  folder: string;
  s3Client: S3Client;
  location: S3Location;
  /** Files in flight at once. */
  concurrency: number;
  /** Multipart part size; smaller files go up in one request. */
  partBytes: number;
  /** Called for each file that is not DICOM Part 10 (not uploaded). */
  onSkipped?: (file: SkippedFile) => void;
  /** Called after each finished file and part. */
  onProgress?: (progress: UploadProgress) => void;
}

export interface UploadProgress {
  filesTotal: number;
  bytesTotal: number;
  filesDone: number;
  /** Bytes sent plus the size of the files found already uploaded. */
  bytesDone: number;
}

export interface UploadSummary {
  /** DICOM files found, and their bytes. */
  files: number;
  bytes: number;
  /** Files sent now, and their bytes. */
  uploaded: number;
  uploadedBytes: number;
  /** Files already in the bucket with the same size and SHA-256 (not sent again). */
  present: number;
  skipped: number;
  /** Files that could not be uploaded (after the SDK's retries), with the reason. */
  failed: Array<{ name: string; reason: string }>;
}

/**
 * Uploads the DICOM files below a folder to `<bucket>/<prefix><relative path>`, `concurrency` at a time. The folder
 * is walked twice as a stream: first to count files and bytes (for the progress, rate and time left), then to
 * upload; no list of all files is kept. A refusal of the credentials (403) stops the upload (every file would be
 * refused), any other failure is recorded for the file and the others go on.
 * @throws ImportS3Error when S3 refuses the credentials; ImportFolderError when the folder cannot be read.
 */
export async function uploadFolder(options: UploadFolderOptions): Promise<UploadSummary> {
  const summary: UploadSummary = {
    files: 0,
    bytes: 0,
    uploaded: 0,
    uploadedBytes: 0,
    present: 0,
    skipped: 0,
    failed: [],
  };
  for await (const file of walkDicomFiles(options.folder)) {
    if (file.kind === 'skipped') {
      summary.skipped += 1;
      options.onSkipped?.({ name: file.name, reason: file.reason });
    } else {
      summary.files += 1;
      summary.bytes += file.bytes;
    }
  }
  const progress: UploadProgress = { filesTotal: summary.files, bytesTotal: summary.bytes, filesDone: 0, bytesDone: 0 };
  const report = () => options.onProgress?.({ ...progress });
  report();
  const dicomFiles = async function* () {
    for await (const file of walkDicomFiles(options.folder)) if (file.kind === 'dicom') yield file;
  };
  await forEachConcurrently(dicomFiles(), options.concurrency, async file => {
    let sent = 0;
    try {
      const result = await uploadDicomFile(file, {
        s3Client: options.s3Client,
        location: options.location,
        partBytes: options.partBytes,
        onBytes: bytes => {
          sent += bytes;
          progress.bytesDone += bytes;
          report();
        },
      });
      if (result === 'present') {
        summary.present += 1;
        progress.bytesDone += file.bytes;
      } else {
        summary.uploaded += 1;
        summary.uploadedBytes += file.bytes;
      }
    } catch (error) {
      if (error instanceof ImportS3Error && error.denied) throw error;
      summary.failed.push({
        name: file.name,
        reason:
          error instanceof ImportS3Error
            ? error.message
            : `upload failed: ${(error as Error).message ?? String(error)}`,
      });
      progress.bytesDone += file.bytes - sent;
    }
    progress.filesDone += 1;
    report();
  });
  return summary;
}
