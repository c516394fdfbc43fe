export { DicomStore } from './DicomStore';
export type { DicomJson, FrameSyntax, ImportOutcome, ImportReport, Page, RejectedFile } from './DicomStore';
export type { DicomJsonElement } from './DicomJson';
export {
  DataFolderError,
  DicomStoreError,
  FrameNumberError,
  Htj2kCodecError,
  InvalidDicomFileError,
  QueryParameterError,
  StoreArgumentError,
  UnsupportedTranscodeError,
} from './errors';
export { importSampleData } from './sampleData';
export type { SampleDataOptions } from './sampleData';
