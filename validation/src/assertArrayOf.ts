import type { SettingsPath } from './SettingsPath';

export interface ArrayOptions {
  /** Fewest items; default 0. */
  minItems?: number;
  /** What to write, e.g. `a non-empty array of client ids`. Default `an array` / `a non-empty array`. */
  expected?: string;
}

/** The value as an array, each item read (and checked) by `readItem` at `<key>[<index>]`. */
export function assertArrayOf<T>(
  value: unknown,
  at: SettingsPath,
  readItem: (item: unknown, at: SettingsPath) => T,
  options: ArrayOptions = {},
): T[] {
  const minItems = options.minItems ?? 0;
  if (!Array.isArray(value) || value.length < minItems) {
    at.expected(options.expected ?? (minItems > 0 ? 'a non-empty array' : 'an array'), value);
  }
  return value.map((item: unknown, index) => readItem(item, at.item(index)));
}
