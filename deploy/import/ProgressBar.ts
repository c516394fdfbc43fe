/** Where a progress bar writes and how it counts. Every field has a default. */
export interface ProgressBarOptions {
  /** Words before the bar, e.g. `Uploading`. Default `Progress`. */
  label?: string;
  /** Stream the bar is written to. Default `process.stderr`, so that stdout stays clean for results. */
  stream?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** How `done`/`total` are shown: `bytes` (KB, MB...) or `items` (plain numbers). Default `items`. */
  unit?: 'bytes' | 'items';
  /**
   * Without a terminal (a CI log), a plain line is written each time this share of the total is passed.
   * Default `0.1` (every 10 %).
   */
  plainStep?: number;
}

/**
 * A one-line progress bar. On a terminal it redraws itself in place; elsewhere (CI logs, files) it writes a
 * plain line every `plainStep` of the total, so logs stay readable.
 */
export class ProgressBar {
  private readonly label: string;
  private readonly stream: NonNullable<ProgressBarOptions['stream']>;
  private readonly unit: 'bytes' | 'items';
  private readonly plainStep: number;
  private lastPlainStep = -1;
  private drawn = false;

  constructor(
    private readonly total: number,
    options: ProgressBarOptions = {},
  ) {
    this.label = options.label ?? 'Progress';
    this.stream = options.stream ?? process.stderr;
    this.unit = options.unit ?? 'items';
    this.plainStep = options.plainStep ?? 0.1;
  }

  /** Shows `done` of the total; `detail` (e.g. the current file) is appended on terminals only. */
  update(done: number, detail = ''): void {
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const amounts = `${this.format(done)}/${this.format(this.total)}`;
    if (this.stream.isTTY) {
      const width = 24;
      const filled = Math.round(ratio * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      const line = `${this.label} [${bar}] ${Math.floor(ratio * 100)}% ${amounts} ${detail}`;
      const columns = this.stream.columns ?? 100;
      this.stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
      this.drawn = true;
      return;
    }
    const step = Math.floor(ratio / this.plainStep);
    if (step > this.lastPlainStep) {
      this.lastPlainStep = step;
      this.stream.write(`${this.label}: ${Math.floor(ratio * 100)}% (${amounts})\n`);
    }
  }

  /** Ends the bar's line on a terminal, so later output starts on a fresh line. */
  finish(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }

  private format(amount: number): string {
    if (this.unit === 'items') return String(amount);
    return formatBytes(amount);
  }
}

/** `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return `${index === 0 ? value : value.toFixed(1)} ${units[index]}`;
}
