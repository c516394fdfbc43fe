/** A flag or environment variable of `npm start` is wrong; the message names it and what is expected. */
export class LocalStackSettingsError extends Error {
  constructor(readonly setting: string, expectation: string) {
    super(`${setting} ${expectation}`);
    this.name = 'LocalStackSettingsError';
  }
}
