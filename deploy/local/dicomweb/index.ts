export { startDicomwebEndpoint, type RunningEndpoint } from './startDicomwebEndpoint';
export type { DicomwebEndpointOptions, RequestLogEntry } from './DicomwebEndpointOptions';
export type { AuthorizeFunction, EndpointRoles } from './authorizeRequest';
export type { DicomStoreLike } from './DicomStoreLike';
export type { ForcedFailure, Knobs } from './knobs';
export type { EndpointStats, OperationStats } from './stats';
export type { ThrottleSettings } from './tokenBucket';
export { EndpointOptionsError } from './errors';
