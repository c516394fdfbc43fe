import { SettingsError } from 'ohif-healthimaging-validation';

/** A deploy setting is missing or wrong; `key` is its path in the settings object (e.g. `identity.domainPrefix`). */
export class DeploySettingsError extends SettingsError {
  constructor(key: string, problem: string) {
    super(key, problem, { source: 'Deploy setting' });
  }
}
