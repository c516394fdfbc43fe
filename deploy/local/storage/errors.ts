/** Base class of every error thrown by the storage, so a caller can tell them from programming errors. */
export class DicomStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A file given to an import is not a DICOM Part 10 file, is truncated or corrupt, or lacks a required attribute. */
export class InvalidDicomFileError extends DicomStoreError {
  constructor(
    /** The file name (or STOW-RS part name) the bytes came from. */
    readonly sourceName: string,
    /** What is wrong with it, in words a user can act on. */
    readonly reason: string,
  ) {
    super(`${sourceName}: ${reason}`);
  }
}

/** Frames were asked in a transfer syntax the store cannot produce from what it holds (the endpoint answers 406). */
export class UnsupportedTranscodeError extends DicomStoreError {
  constructor(
    readonly storedTransferSyntaxUid: string,
    readonly requestedSyntax: string,
  ) {
    super(
      `frames are stored as ${storedTransferSyntaxUid} and cannot be transcoded to ${requestedSyntax}; ` +
        'ask for the stored transfer syntax (Accept transfer-syntax=*)',
    );
  }
}

/** No frame numbers, or one outside 1..NumberOfFrames, was asked (the endpoint answers 400). */
export class FrameNumberError extends DicomStoreError {}

/** A method of the store was called with an argument of the wrong shape (a programming error of the caller). */
export class StoreArgumentError extends DicomStoreError {}

/** A QIDO-RS query used an attribute or paging value the store does not support (the endpoint answers 400). */
export class QueryParameterError extends DicomStoreError {}

/** The data folder holds something the store cannot read (a damaged sidecar written by another program). */
export class DataFolderError extends DicomStoreError {}

/** The HTJ2K codec failed to encode or decode a frame. */
export class Htj2kCodecError extends DicomStoreError {}
