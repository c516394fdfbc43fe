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
  /** Show the rate and an estimate of the time left (from the progress since the bar was made). Default `false`. */
  showRate?: boolean;
  /** Clock in ms, for the rate. Default `Date.now`. */
  now?: () => number;
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
  private readonly showRate: boolean;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(
    private readonly total: number,
    options: ProgressBarOptions = {},
  ) {
    this.label = options.label ?? 'Progress';
    this.stream = options.stream ?? process.stderr;
    this.unit = options.unit ?? 'items';
    this.plainStep = options.plainStep ?? 0.1;
    this.showRate = options.showRate ?? false;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }

  /** Shows `done` of the total; `detail` (e.g. the current file) is appended on terminals only. */
  update(done: number, detail = ''): void {
    const ratio = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const amounts = `${this.format(done)}/${this.format(this.total)}${this.showRate ? this.rateAndTimeLeft(done) : ''}`;
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

  /** `, 4.2 MB/s, 1 min 5 s left` (nothing until a rate can be measured). */
  private rateAndTimeLeft(done: number): string {
    const seconds = (this.now() - this.startedAt) / 1000;
    if (seconds <= 0 || done <= 0) return '';
    const perSecond = done / seconds;
    const rate =
      this.unit === 'bytes' ? `${formatBytes(perSecond)}/s` : `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;
    return `, ${rate}, ${formatDuration(Math.max(0, this.total - done) / perSecond)} left`;
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

/** `75` → `1 min 15 s`; `4000` → `1 h 6 min`. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${Math.floor((whole % 3600) / 60)} min`;
}
