import type { SettingsPath } from './SettingsPath';

/** A settings object: a plain object, not null, not an array. */
export type SettingsObject = Record<string, unknown>;

export function isSettingsObject(value: unknown): value is SettingsObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or `<key> must be <expected>; got <value>`. `expected` says what it should hold. */
export function assertObject(value: unknown, at: SettingsPath, expected = 'an object'): SettingsObject {
  if (!isSettingsObject(value)) at.expected(expected, value);
  return value;
}
