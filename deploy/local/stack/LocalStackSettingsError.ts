import { SettingsError } from 'ohif-healthimaging-validation';

/**
 * A flag or environment variable of `npm start` is wrong; the message names it (which says where) and what is expected.
 */
export class LocalStackSettingsError extends SettingsError {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(setting, problem);
  }
}
