import { SettingsError, SettingsPath } from 'ohif-healthimaging-validation';
import {
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
  throttledMessage,
  throttledStatus,
} from 'ohif-healthimaging-contract';

/**
 * Every answer other than a success is an `HttpError`: its status and message become the response
 * `{"message": "..."}` (HealthImaging's body shape). The statuses and messages of the authorization errors are
 * HealthImaging's own (the contract's error answers), so clients can key their handling on them.
 */
export class HttpError extends Error {
  constructor(
    /** The HTTP status to answer with. */
    readonly status: number,
    message: string,
    /** Extra response headers (`Retry-After`, `Allow`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: a malformed UID, frame list, tag, query parameter or request body. */
export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}

/** 403 Invalid or Expired Token: the pre-checks or the authorizer (`isTokenValid: false`) refused the token. */
export class InvalidOrExpiredTokenError extends HttpError {
  constructor(
    /** Why, for the tests and the `onRequest` hook; never sent (HealthImaging's body carries no reason). */
    readonly reason: string,
  ) {
    super(expiredTokenStatus, expiredTokenMessage);
  }
}

/** 403 Access Denied: the authorizer answered with an empty `roleArn`. */
export class AccessDeniedError extends HttpError {
  constructor() {
    super(accessDeniedStatus, accessDeniedMessage);
  }
}

/** 403 Forbidden: the role the authorizer chose may not perform the operation (a reader storing). */
export class ForbiddenError extends HttpError {
  constructor() {
    super(forbiddenStatus, forbiddenMessage);
  }
}

/** 404: unknown datastore, study, series, instance, bulk data tag, or a resource HealthImaging does not serve. */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, message);
  }
}

/** 405: a known resource asked with a method it does not support. */
export class MethodNotAllowedError extends HttpError {
  constructor(method: string, allowed: readonly string[]) {
    super(405, `Method ${method} is not allowed here; use ${allowed.join(' or ')}`, { Allow: allowed.join(', ') });
  }
}

/** 406: the Accept header names no representation the endpoint can produce. */
export class NotAcceptableError extends HttpError {
  constructor(message: string) {
    super(406, message);
  }
}

/** 408 Authorizer Timeout: the authorizer did not answer within `authorizerTimeoutMs`. */
export class AuthorizerTimeoutError extends HttpError {
  constructor() {
    super(authorizerTimeoutStatus, authorizerTimeoutMessage);
  }
}

/** 408: the request head or body did not arrive within the endpoint's time limit (a slow or stalled client). */
export class RequestTimeoutError extends HttpError {
  constructor(what: 'head' | 'whole request', limitMs: number) {
    super(
      408,
      `The request ${what === 'head' ? 'head (request line and headers)' : '(head and body)'} did not arrive within ${limitMs} ms`,
    );
  }
}

/** 413: a STOW-RS body larger than the limit (HealthImaging: 1 GB). */
export class PayloadTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(413, `Request body exceeds the limit of ${limitBytes} bytes; send fewer instances per request`);
  }
}

/** 413: a STOW-RS body of more parts than the limit. */
export class TooManyPartsError extends HttpError {
  constructor(limit: number) {
    super(
      413,
      `The multipart body holds more than ${limit} parts, the limit per request; send fewer instances per request`,
    );
  }
}

/** 413: one part of a STOW-RS body larger than the limit. */
export class PartTooLargeError extends HttpError {
  constructor(partNumber: number, limitBytes: number) {
    super(413, `Part ${partNumber} of the multipart body exceeds the limit of ${limitBytes} bytes per part`);
  }
}

/** 414: a request target (path and query) longer than the limit. */
export class UriTooLongError extends HttpError {
  constructor(limitBytes: number) {
    super(
      414,
      `The URL (path and query) exceeds the limit of ${limitBytes} bytes; ask with fewer or shorter query values`,
    );
  }
}

/** 415: a STOW-RS body that is not `multipart/related; type="application/dicom"`. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(message: string) {
    super(415, message);
  }
}

/** 431: a request head (request line and header fields) larger than the limit. */
export class HeaderFieldsTooLargeError extends HttpError {
  constructor(limitBytes: number) {
    super(431, `The request line and headers exceed the limit of ${limitBytes} bytes together`);
  }
}

/** 424 Authorizer Failed: the authorizer threw, answered malformed, or named a role the endpoint does not know. */
export class AuthorizerFailedError extends HttpError {
  constructor(
    /** Why, for the tests and the `onRequest` hook; never sent. */
    readonly reason: string,
  ) {
    super(authorizerFailedStatus, authorizerFailedMessage);
  }
}

/** 429 Too many requests: the retrieve throttle's bucket is empty. */
export class TooManyRequestsError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(throttledStatus, throttledMessage, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/**
 * A programming or configuration error of the caller of `startDicomwebEndpoint` / `setKnobs`: `key` names the option.
 */
export class EndpointOptionsError extends SettingsError {}

/** Where an endpoint option or knob sits, reporting as `EndpointOptionsError`. */
export function endpointOption(key: string): SettingsPath {
  return new SettingsPath(key, (path, problem) => new EndpointOptionsError(path, problem));
}
