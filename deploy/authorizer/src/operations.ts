/** HealthImaging DICOMweb actions that only read. */
export const readOperations = [
  'SearchDICOMStudies',
  'SearchDICOMSeries',
  'SearchDICOMInstances',
  'GetDICOMSeriesMetadata',
  'GetDICOMInstanceMetadata',
  'GetDICOMInstance',
  'GetDICOMInstanceFrames',
  'GetDICOMBulkdata',
] as const;

/** HealthImaging DICOMweb actions that store (STOW-RS). */
export const writeOperations = ['StoreDICOM', 'StoreDICOMStudy'] as const;

export type ReadOperation = (typeof readOperations)[number];
export type WriteOperation = (typeof writeOperations)[number];
export type Operation = ReadOperation | WriteOperation;

export function isOperation(value: unknown): value is Operation {
  return isReadOperation(value) || (writeOperations as readonly unknown[]).includes(value);
}

export function isReadOperation(value: unknown): value is ReadOperation {
  return (readOperations as readonly unknown[]).includes(value);
}
