import type { SettingsPath } from './SettingsPath';

/** The value as a boolean: `<key> must be true or false; got "yes"` otherwise (no "yes"/"1" coercion). */
export function assertBoolean(value: unknown, at: SettingsPath): boolean {
  if (typeof value !== 'boolean') at.expected('true or false', value);
  return value;
}
