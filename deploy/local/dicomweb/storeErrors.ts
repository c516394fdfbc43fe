import { BadRequestError, HttpError, NotAcceptableError } from './errors';

/**
 * The answer for an error the store throws about the request (see `DicomStoreLike`), matched by class name so the
 * endpoint does not depend on the storage's modules; undefined for any other error (a 500).
 */
export function httpErrorForStoreError(error: unknown): HttpError | undefined {
  if (!(error instanceof Error)) return undefined;
  switch (error.name) {
    case 'QueryParameterError':
    case 'FrameNumberError':
      return new BadRequestError(error.message);
    case 'UnsupportedTranscodeError':
      return new NotAcceptableError(error.message);
    default:
      return undefined;
  }
}
