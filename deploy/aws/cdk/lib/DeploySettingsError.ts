/** A deploy setting is missing or wrong; `key` is its path in the settings object (e.g. `identity.domainPrefix`). */
export class DeploySettingsError extends Error {
  constructor(
    readonly key: string,
    expectation: string,
  ) {
    super(`Deploy setting ${key} ${expectation}`);
    this.name = 'DeploySettingsError';
  }
}
