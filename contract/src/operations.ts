/**
 * HealthImaging's DICOMweb action names: what a Lambda authorizer receives as `operation`, what IAM policies
 * grant (`medical-imaging:<action>`), and what the local endpoint names each route. The one list of them.
 */
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

/** The actions that store (STOW-RS). */
export const writeOperations = ['StoreDICOM', 'StoreDICOMStudy'] as const;

export type ReadOperation = (typeof readOperations)[number];
export type WriteOperation = (typeof writeOperations)[number];
export type Operation = ReadOperation | WriteOperation;

/**
 * The retrieve actions that share HealthImaging's throttle of 50 requests/s (burst 100) per account and region
 * (developer guide, "Quotas"); searches, bulk data and stores are not counted.
 */
export const throttledRetrieveOperations: readonly Operation[] = [
  'GetDICOMInstance',
  'GetDICOMInstanceFrames',
  'GetDICOMInstanceMetadata',
  'GetDICOMSeriesMetadata',
];

export function isOperation(value: unknown): value is Operation {
  return isReadOperation(value) || isWriteOperation(value);
}

export function isReadOperation(value: unknown): value is ReadOperation {
  return (readOperations as readonly unknown[]).includes(value);
}

export function isWriteOperation(value: unknown): value is WriteOperation {
  return (writeOperations as readonly unknown[]).includes(value);
}

export function isThrottledRetrieveOperation(operation: Operation): boolean {
  return throttledRetrieveOperations.includes(operation);
}
