import type { SettingsPath } from './SettingsPath';

export interface IntegerRange {
  min: number;
  /** Default: no upper bound. */
  max?: number;
  /** What to write, in the settings' own words (`a whole number of seconds from 0 to 300`). Default from the range. */
  expected?: string;
}

/** The value as an integer within `[min, max]` (a number, not a numeric string). */
export function assertInteger(value: unknown, at: SettingsPath, range: IntegerRange): number {
  const { min, max } = range;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
    at.expected(
      range.expected ?? (max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`),
      value,
    );
  }
  return value;
}

export interface NumberRange {
  /** Smallest allowed value. */
  min?: number;
  /** The value must be greater than this (for rates and timeouts, where 0 means nothing works). */
  above?: number;
  max?: number;
  expected?: string;
}

/** The value as a finite number within the range. */
export function assertNumber(value: unknown, at: SettingsPath, range: NumberRange = {}): number {
  const { min, above, max } = range;
  const inRange =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (min === undefined || value >= min) &&
    (above === undefined || value > above) &&
    (max === undefined || value <= max);
  if (!inRange) at.expected(range.expected ?? describeRange(range), value);
  return value as number;
}

function describeRange({ min, above, max }: NumberRange): string {
  const bounds = [
    min === undefined ? undefined : `of at least ${min}`,
    above === undefined ? undefined : `greater than ${above}`,
    max === undefined ? undefined : `at most ${max}`,
  ].filter(Boolean);
  return bounds.length === 0 ? 'a number' : `a number ${bounds.join(' and ')}`;
}

/**
 * An integer written as text (a command-line flag, an environment variable): digits only, no sign, no decimals,
 * within the range. The message shows the text as given.
 */
export function assertIntegerText(value: string, at: SettingsPath, range: IntegerRange): number {
  const { min, max } = range;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || (max !== undefined && number > max)) {
    at.expected(
      range.expected ??
        (max === undefined ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`),
      value,
    );
  }
  return number;
}
