import type { SettingsPath } from './SettingsPath';

/** The value as a string (empty allowed). */
export function assertString(value: unknown, at: SettingsPath, expected = 'a string'): string {
  if (typeof value !== 'string') at.expected(expected, value);
  return value;
}

/** The value as a string with something other than white space in it. */
export function assertNonEmptyString(value: unknown, at: SettingsPath, expected = 'a non-empty string'): string {
  if (typeof value !== 'string' || value.trim() === '') at.expected(expected, value);
  return value;
}

/** The value as a string matching `pattern`; `expected` describes the pattern in words, with an example. */
export function assertMatch(value: unknown, pattern: RegExp, at: SettingsPath, expected: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) at.expected(expected, value);
  return value;
}
