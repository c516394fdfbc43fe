// AWS HealthImaging's DICOMweb contract: what the service accepts and answers, shared by the viewer extension,
// the authorizer, the local endpoint, the CDK app, the import CLI and the bench.
export { maxTokenAgeSeconds } from './bearerTokenAge';
export { datastorePath, parseDatastorePath, type DatastorePath } from './datastorePath';
export { dicomWebOrigin } from './dicomWebOrigin';
export { dicomWebRoot, DicomWebRootError } from './dicomWebRoot';
export {
  dicomWebRoutes,
  matchDicomWebRoute,
  type DicomWebMethod,
  type DicomWebRouteMatch,
  type RouteParameters,
} from './dicomWebRoutes';
export { dicomWebUrlOperation } from './dicomWebUrlOperation';
export {
  accessDeniedMessage,
  accessDeniedStatus,
  authorizerFailedMessage,
  authorizerFailedStatus,
  authorizerTimeoutMessage,
  authorizerTimeoutStatus,
  expiredTokenMessage,
  expiredTokenStatus,
  forbiddenMessage,
  forbiddenStatus,
  notAcceptableStatus,
  throttledMessage,
  throttledStatus,
} from './errorAnswers';
export { healthImagingIdPattern, healthImagingIdRule, isHealthImagingId } from './healthImagingId';
export { withImageSetId } from './imageSetUrl';
export {
  isOperation,
  isReadOperation,
  isThrottledRetrieveOperation,
  isWriteOperation,
  readOperations,
  throttledRetrieveOperations,
  writeOperations,
  type Operation,
  type ReadOperation,
  type WriteOperation,
} from './operations';
export { defaultRetrieveQuota, isThrottledRetrieveUrl, type RetrieveQuota } from './retrieveQuota';
export { acceptNamesHtj2k, anySyntaxFramesAccept, htj2kFramesAccept, htj2kTransferSyntaxUid } from './transferSyntax';
