/**
 * An error answer of the emulated HealthImaging control plane, shaped as the service's (restJson1): the status, the
 * `x-amzn-errortype` header the AWS SDK turns into the exception's name, and a message.
 */
export class ControlPlaneError extends Error {
  constructor(
    readonly errorType:
      | 'AccessDeniedException'
      | 'ConflictException'
      | 'ResourceNotFoundException'
      | 'ValidationException'
      | 'ThrottlingException'
      | 'InternalServerException',
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }

  get status(): number {
    return {
      AccessDeniedException: 403,
      ConflictException: 409,
      ResourceNotFoundException: 404,
      ValidationException: 400,
      ThrottlingException: 429,
      InternalServerException: 500,
    }[this.errorType];
  }
}
