import type { SettingsPath } from './SettingsPath';

/** The value if it is one of `choices`: `<key> must be one of "a", "b"; got "c"` otherwise. */
export function assertOneOf<T extends string | number>(
  value: unknown,
  choices: readonly T[],
  at: SettingsPath,
  expected?: string,
): T {
  if (!choices.includes(value as T)) {
    at.expected(expected ?? `one of ${choices.map(choice => JSON.stringify(choice)).join(', ')}`, value);
  }
  return value as T;
}
