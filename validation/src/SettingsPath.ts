import { describeValue } from './describeValue';
import type { SettingsError } from './SettingsError';

/** Builds the parser's own error class (a `SettingsError` subclass) for a key path and a problem. */
export type RaiseSettingsError = (key: string, problem: string) => SettingsError;

/**
 * How a message shows the value it refuses. `semicolon`: `; got "x"` / `; it is missing` (the browser packages).
 * `comma`: `, got "x"` / `, got nothing` (the deploy-side parsers). Both read the same; a parser keeps the one its
 * users' runbooks and tests already know.
 */
export type GotStyle = 'semicolon' | 'comma';

export interface SettingsPathOptions {
  style?: GotStyle;
  /** What the children's paths start with. Default: this path's key; `''` for a root whose keys stand alone. */
  childPrefix?: string;
}

/**
 * Where a value sits in its settings (`auth.refreshRetry.maxAttempts`, `grants[0].claim`) and how to report a
 * problem with it. Assertions take one and throw through it, so each parser's errors are its own class.
 */
export class SettingsPath {
  private readonly style: GotStyle;
  private readonly childPrefix: string;

  constructor(
    readonly key: string,
    private readonly raise: RaiseSettingsError,
    options: SettingsPathOptions = {},
  ) {
    this.style = options.style ?? 'semicolon';
    this.childPrefix = options.childPrefix ?? key;
  }

  /** The path of the object member `name`. */
  child(name: string): SettingsPath {
    return new SettingsPath(this.childPrefix === '' ? name : `${this.childPrefix}.${name}`, this.raise, {
      style: this.style,
    });
  }

  /** The path of the array item `index`. */
  item(index: number): SettingsPath {
    return new SettingsPath(`${this.childPrefix}[${index}]`, this.raise, { style: this.style });
  }

  /** Throws the parser's error for this key. `problem` says what is wrong and what to write. */
  fail(problem: string): never {
    throw this.raise(this.key, problem);
  }

  /** Throws `<key> must be <expected>; got <value>`. */
  expected(expected: string, value: unknown): never {
    return this.fail(`must be ${expected}${this.got(value)}`);
  }

  /** The end of a message showing the refused value: `; got "x"`, `; it is missing` (or the comma style). */
  got(value: unknown): string {
    const shown = describeValue(value);
    if (this.style === 'comma') return `, got ${shown ?? 'nothing'}`;
    return shown === undefined ? '; it is missing' : `; got ${shown}`;
  }
}
