/** A data source configuration value is missing or wrong; the message names the key and what is expected. */
export class HealthImagingConfigurationError extends Error {
  constructor(
    /** Dotted path of the offending key, e.g. `dataSources[0].configuration.region`. */
    readonly key: string,
    expectation: string,
  ) {
    super(`${key} ${expectation}`);
    this.name = 'HealthImagingConfigurationError';
  }
}
