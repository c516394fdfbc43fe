import { SettingsError } from 'ohif-healthimaging-validation';

/** A data source configuration value is missing or wrong; the message names the key and what is expected. */
export class HealthImagingConfigurationError extends SettingsError {
  constructor(
    /** Dotted path of the offending key, e.g. `dataSources[0].configuration.region`. */
    key: string,
    problem: string,
  ) {
    super(key, problem, { source: 'app-config' });
  }
}
