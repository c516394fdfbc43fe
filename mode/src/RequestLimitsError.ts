import { SettingsError } from 'ohif-healthimaging-validation';

/** A `modesConfiguration` value for the mode is wrong; the message names the key and what is expected. */
export class RequestLimitsError extends SettingsError {
  constructor(key: string, problem: string) {
    super(key, problem, { source: 'app-config' });
  }
}
