/** Longest rendering of a wrong value in a message: enough to recognise it, short enough for one log line. */
const maxShownLength = 80;

/** A wrong value as a message shows it: JSON, shortened; `undefined` when it was not given at all. */
export function describeValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return 'a function';
  // JSON would show NaN and Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > maxShownLength ? `${text.slice(0, maxShownLength - 3)}...` : text;
}
