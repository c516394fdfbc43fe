import { ImportSettingError } from './errors';
import type { DicomFile } from './findDicomFiles';

/** How files are grouped into STOW-RS requests. Every field has a default. */
export interface BatchLimits {
  /** Most files in one request. Default 50. */
  maxFiles?: number;
  /**
   * Most bytes of files in one request (HealthImaging accepts up to 1 GB). A single larger file still goes, alone.
   * Default 100 MiB: a failed request then repeats little, and memory stays bounded (a batch is held in memory).
   */
  maxBytes?: number;
}

export const defaultBatchLimits: Required<BatchLimits> = { maxFiles: 50, maxBytes: 100 * 1024 * 1024 };

/** Splits files, in order, into batches within both limits. */
export function planBatches(files: readonly DicomFile[], limits: BatchLimits = {}): DicomFile[][] {
  const { maxFiles, maxBytes } = { ...defaultBatchLimits, ...limits };
  if (!Number.isInteger(maxFiles) || maxFiles < 1)
    throw new ImportSettingError('batch maxFiles', `must be a whole number ≥ 1, got ${maxFiles}`);
  if (!Number.isFinite(maxBytes) || maxBytes < 1)
    throw new ImportSettingError('batch maxBytes', `must be a number ≥ 1, got ${maxBytes}`);
  const batches: DicomFile[][] = [];
  let current: DicomFile[] = [];
  let currentBytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= maxFiles || currentBytes + file.bytes > maxBytes)) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(file);
    currentBytes += file.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
