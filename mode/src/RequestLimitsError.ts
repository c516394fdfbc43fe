/** A `modesConfiguration` value for the mode is wrong; the message names the key and what is expected. */
export class RequestLimitsError extends Error {
  constructor(readonly key: string, expectation: string) {
    super(`${key} ${expectation}`);
    this.name = 'RequestLimitsError';
  }
}
