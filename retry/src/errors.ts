/** A retry setting that cannot work; `key` names it (e.g. `throttling.maxAttempts`), the message what to fix. */
export class RetryPolicySettingsError extends Error {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(`${key} ${problem}`);
    this.name = 'RetryPolicySettingsError';
  }
}
