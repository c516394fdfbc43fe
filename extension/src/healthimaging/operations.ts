/** HealthImaging action names of the DICOMweb operations, as the Lambda authorizer receives them. */
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

export const writeOperations = ['StoreDICOM', 'StoreDICOMStudy'] as const;

export type HealthImagingOperation = (typeof readOperations)[number] | (typeof writeOperations)[number];

/**
 * The retrieve operations that share HealthImaging's throttle of 50 requests/s (burst 100) per account and region.
 */
export const throttledRetrieveOperations: readonly HealthImagingOperation[] = [
  'GetDICOMInstance',
  'GetDICOMInstanceFrames',
  'GetDICOMInstanceMetadata',
  'GetDICOMSeriesMetadata',
];
