import { readOperations, writeOperations, type Operation } from '../../authorizer/src';

export type { Operation };
export { readOperations, writeOperations };

/** Whether `operation` stores data (STOW-RS): only the importer role may. */
export function isWriteOperation(operation: Operation): boolean {
  return (writeOperations as readonly string[]).includes(operation);
}

/**
 * Whether the retrieve throttle counts `operation`. HealthImaging limits its DICOMweb retrieve actions
 * (GetDICOM*: instance, metadata, frames, bulk data) per account and region; searches and stores are not counted.
 */
export function isRetrieveOperation(operation: Operation): boolean {
  return operation.startsWith('GetDICOM');
}

export function isOperation(value: unknown): value is Operation {
  return (readOperations as readonly unknown[]).includes(value) || (writeOperations as readonly unknown[]).includes(value);
}
