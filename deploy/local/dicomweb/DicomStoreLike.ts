/**
 * What the endpoint needs from the storage (`deploy/local/storage` `DicomStore`, see the contracts), declared
 * here so the endpoint depends on the shape, not on the storage's internals.
 */

/** DICOM JSON (PS3.18 F.2) of one data set: tags (8 hex digits) to elements. */
export type DicomJson = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }>;

export interface Page {
  limit?: number;
  offset?: number;
}

export type FrameSyntax = 'htj2k' | 'explicit-little-endian';

/** The part of an import's outcome the STOW-RS response needs. */
export interface StoredInstance {
  status: 'stored' | 'duplicate';
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

export interface DicomStoreLike {
  /** @throws an error named `InvalidDicomFileError` for bytes that are not a storable DICOM Part 10 file. */
  importPart10(bytes: Uint8Array, sourceName: string): Promise<StoredInstance>;
  /** @throws an error named `QueryParameterError` for a filter or paging value it does not support (400). */
  searchStudies(filters: Record<string, string>, page: Page): DicomJson[];
  searchSeries(studyUid: string | undefined, filters: Record<string, string>, page: Page): DicomJson[];
  searchInstances(
    studyUid: string | undefined,
    seriesUid: string | undefined,
    filters: Record<string, string>,
    page: Page,
  ): DicomJson[];
  /** Undefined for an unknown series (404). The items may be built as they are iterated (the answer is streamed). */
  seriesMetadata(studyUid: string, seriesUid: string, bulkDataBaseUrl: string): Iterable<DicomJson> | undefined;
  instanceMetadata(studyUid: string, seriesUid: string, sopUid: string, bulkDataBaseUrl: string): DicomJson | undefined;
  /**
   * @throws an error named `UnsupportedTranscodeError` (406) or `FrameNumberError` (400).
   */
  frames(
    studyUid: string,
    seriesUid: string,
    sopUid: string,
    frameNumbers: number[],
    syntax: FrameSyntax,
  ): Promise<Uint8Array[] | undefined>;
  /** Frames as stored, with their transfer syntax (for `transfer-syntax=*`). */
  storedFrames(
    studyUid: string,
    seriesUid: string,
    sopUid: string,
    frameNumbers: number[],
  ): Promise<{ transferSyntaxUid: string; frames: Uint8Array[] } | undefined>;
  instancePart10(studyUid: string, seriesUid: string, sopUid: string): Promise<Uint8Array | undefined>;
  bulkdata(studyUid: string, seriesUid: string, sopUid: string, tag: string): Promise<Uint8Array | undefined>;
}
