import { isOperation, type Operation } from 'ohif-healthimaging-contract';

/** What HealthImaging sends for every DICOMweb request made with a bearer token. */
export interface AuthorizerEvent {
  datastoreId: string;
  operation: string;
  bearerToken: string;
}

/** What HealthImaging expects back within 1 s. `roleArn: ''` denies. */
export interface AuthorizerResult {
  isTokenValid: boolean;
  roleArn: string;
}

/** An event whose shape was checked: the operation is one HealthImaging defines. */
export interface CheckedAuthorizerEvent extends AuthorizerEvent {
  operation: Operation;
}

/** The event if it has the documented shape, else undefined (the caller denies with `bad-event`). */
export function checkAuthorizerEvent(event: unknown): CheckedAuthorizerEvent | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const { datastoreId, operation, bearerToken } = event as Record<string, unknown>;
  if (typeof datastoreId !== 'string' || datastoreId === '') return undefined;
  if (!isOperation(operation)) return undefined;
  if (typeof bearerToken !== 'string' || bearerToken === '') return undefined;
  return { datastoreId, operation, bearerToken };
}
