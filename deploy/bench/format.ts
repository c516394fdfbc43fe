import type { Summary } from './statistics';

/** Shown where a figure could not be measured (no run produced it). */
export const missing = '—';

/**
 * A Markdown table whose columns are padded to a common width, so the same text reads well in a terminal and
 * renders in a README. Cells must not contain `|` or line breaks (they are replaced).
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = (cell: string) => cell.replaceAll('|', '/').replace(/\s*\n\s*/g, ' ');
  const table = [header, ...rows].map(row => header.map((_, column) => clean(row[column] ?? '')));
  const widths = header.map((_, column) => Math.max(3, ...table.map(row => (row[column] as string).length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] as number)).join(' | ')} |`;
  const [head, ...body] = table as [string[], ...string[][]];
  return [line(head), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** A duration in ms: seconds with two decimals from 1 s on, whole ms from 10 ms, finer below. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

/** A whole number with thousands separated by a thin space, e.g. `22 979`. */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** `median (min–max)` with `format` applied to each; just the median when all runs agree. */
export function formatSummary(summary: Summary | undefined, format: (value: number) => string = formatCount): string {
  if (!summary) return missing;
  const median = format(summary.median);
  return summary.min === summary.max ? median : `${median} (${format(summary.min)}–${format(summary.max)})`;
}

export function formatRatio(ratio: number | undefined): string {
  return ratio === undefined ? missing : `${ratio.toFixed(2)}×`;
}

/** Bytes as KB (1 KB = 1024 bytes) with one decimal, or MB from 1 MB on. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** ✓ met, ✗ missed, ? not measured. */
export function formatMet(met: boolean | undefined): string {
  return met === undefined ? '?' : met ? '✓' : '✗';
}
