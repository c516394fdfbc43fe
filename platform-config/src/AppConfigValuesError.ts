import { SettingsError } from 'ohif-healthimaging-validation';

/** One wrong value: `key` is its path in AppConfigValues (e.g. `dataSource.auth.clientId`). */
export interface AppConfigProblem {
  key: string;
  problem: string;
}

/**
 * AppConfigValues are wrong; `problems` names every bad key, and the message lists them one per line. As a
 * `SettingsError`, its `key` and `problem` are the first of them.
 */
export class AppConfigValuesError extends SettingsError {
  constructor(readonly problems: AppConfigProblem[]) {
    const [first = { key: '(values)', problem: 'are wrong' }] = problems;
    super(first.key, first.problem, { source: 'app-config values' });
    // Every problem at once: whoever renders app-config fixes them all in one go.
    this.message = `Invalid app-config values:\n${problems.map(({ key, problem }) => `  ${key} ${problem}`).join('\n')}`;
  }
}
