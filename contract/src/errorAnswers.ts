/**
 * How HealthImaging's DICOMweb service answers on the OpenID Connect path (developer guide, "Errors"): the status
 * and the `message` of the JSON body. Clients key their handling on these; the local endpoint answers with them.
 * An expired or invalid token gives 403, not 401, with this message in the body: a client that only reacts to 401
 * never refreshes.
 */
export const expiredTokenStatus = 403;
export const expiredTokenMessage = 'Invalid or Expired Token';

/** 403 with this message: the authorizer denied the user (empty roleArn). Not retried. */
export const accessDeniedStatus = 403;
export const accessDeniedMessage = 'Access Denied';

/** 403 with this message: the role the authorizer chose may not perform the action (a reader storing). */
export const forbiddenStatus = 403;
export const forbiddenMessage = 'Forbidden';

/** 408 with this message: the Lambda authorizer ran longer than HealthImaging's 1 s budget. Retried with backoff. */
export const authorizerTimeoutStatus = 408;
export const authorizerTimeoutMessage = 'Authorizer Timeout';

/** 424 with this message: the authorizer threw, answered malformed, or named a role that cannot be assumed. */
export const authorizerFailedStatus = 424;
export const authorizerFailedMessage = 'Authorizer Failed';

/** Over the retrieve throttle (50 requests/s, burst 100 per account and region). Retried with backoff. */
export const throttledStatus = 429;
export const throttledMessage = 'Too many requests';

/** The frame's stored transfer syntax cannot be converted to the one the Accept header asked for. */
export const notAcceptableStatus = 406;
