/** Where a parser's settings come from, named first in its messages: `Deploy setting`, `app-config`, ... */
export interface SettingsErrorOptions {
  /** Which settings the key belongs to; left out when the key path already says it (a CLI flag, a code option). */
  source?: string;
  cause?: unknown;
}

/**
 * A setting is missing or wrong. Every parser's error class extends this one, so a caller can catch any of them,
 * and every message reads the same way: `[<source> ]<key path> <problem>`, the problem saying what to write.
 */
export class SettingsError extends Error {
  /** The key path, e.g. `auth.scope` or `dataSources[0].configuration.retrieveRateLimit.burst`. */
  readonly key: string;
  /** What is wrong and what to write instead, e.g. `must be a whole number from 1 to 1000; got 0`. */
  readonly problem: string;
  /** Which settings: `Deploy setting`, `app-config`, ...; undefined when the key path says it. */
  readonly source: string | undefined;

  constructor(key: string, problem: string, options: SettingsErrorOptions = {}) {
    super([options.source, key, problem].filter(part => part !== undefined && part !== '').join(' '), {
      cause: options.cause,
    });
    this.key = key;
    this.problem = problem;
    this.source = options.source;
    this.name = new.target.name;
  }
}
