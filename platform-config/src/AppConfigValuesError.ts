/** One wrong value: `key` is its path in AppConfigValues (e.g. `dataSource.auth.clientId`). */
export interface AppConfigProblem {
  key: string;
  problem: string;
}

/** AppConfigValues are wrong; `problems` names every bad key, and the message lists them one per line. */
export class AppConfigValuesError extends Error {
  constructor(readonly problems: AppConfigProblem[]) {
    super(`Invalid app-config values:\n${problems.map(({ key, problem }) => `  ${key} ${problem}`).join('\n')}`);
    this.name = 'AppConfigValuesError';
  }
}
