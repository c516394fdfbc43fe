/**
 * `read(value)` when the setting is given, otherwise the default, which callers keep in a named constant so that
 * the documentation and the code say the same. Arrays and objects are copied, so no caller shares the default.
 */
export function optional<T>(value: unknown, defaultValue: T, read: (value: unknown) => T): T {
  if (value !== undefined) return read(value);
  return typeof defaultValue === 'object' && defaultValue !== null ? structuredClone(defaultValue) : defaultValue;
}
