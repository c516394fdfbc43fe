/** Median and range of a figure measured in several runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many values (runs) it summarises. */
  n: number;
}

/**
 * The `p`-th percentile (0–100) of `values`, by linear interpolation between the two nearest ranks (the method of
 * numpy's default and of most spreadsheets), so p50 of an even count is the mean of the middle two.
 * @throws RangeError for no values or a `p` outside 0–100.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be from 0 to 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  return low + ((sorted[upper] as number) - low) * (rank - lower);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Median, min and max; undefined when there are no values (a figure no run produced). */
export function summarize(values: readonly number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** The ratio of two medians, or undefined when either is missing or the denominator is 0. */
export function ratioOfMedians(numerator: Summary | undefined, denominator: Summary | undefined): number | undefined {
  if (!numerator || !denominator || denominator.median === 0) return undefined;
  return numerator.median / denominator.median;
}
