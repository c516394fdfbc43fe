import { assertIntegerText, SettingsError, SettingsPath } from 'ohif-healthimaging-validation';
/** The parts of the benchmark, in the order they run. */
export const sections = ['series', 'storm', 'readingRoom', 'authorizer', 'footprint'] as const;
export type Section = (typeof sections)[number];

export interface BenchArguments {
  /** Runs of each measurement. */
  runs: number;
  /** Slices of the derived series. */
  slices: number;
  /** Slices of each of the reading room's CT series. */
  ctSlices: number;
  /** Prefetch limit of the diagnostic viewer (ours with only that number changed). */
  tunedPrefetch: number;
  /** Which parts to run (all by default). */
  only: Section[];
  /** Where latest.json and latest.md are written, relative to the repository unless absolute. */
  outDir: string;
}

export const benchUsage = `Usage: npm run bench -- [options]
  --runs N             runs of each measurement (default 3, 1 to 20)
  --slices N           slices of the derived series (default 160, 20 to 1000)
  --ct-slices N        slices of each reading-room CT series (default 400, 100 to 1000)
  --tuned-prefetch N   prefetch limit of the diagnostic viewer, ours with only that changed (default 16; the mode's own default is 10)
  --only LIST          comma-separated parts to run: ${sections.join(', ')} (default all)
  --out DIR            where latest.json and latest.md go (default .data/bench)
  --help               this text`;

/** A wrong flag or value; the message names it and is followed by the usage. */
export class BenchArgumentError extends SettingsError {
  constructor(flag: string, problem: string) {
    super(flag, problem);
    this.message = `${this.message}\n${benchUsage}`;
  }
}

export class BenchHelpRequested extends Error {
  constructor() {
    super(benchUsage);
    this.name = 'BenchHelpRequested';
  }
}

/** Reads `npm run bench` flags (`--runs 5` or `--runs=5`). */
export function parseBenchArguments(argv: readonly string[]): BenchArguments {
  const parsed: BenchArguments = {
    runs: 3,
    slices: 160,
    ctSlices: 400,
    tunedPrefetch: 16,
    only: [...sections],
    outDir: '.data/bench',
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--help' || argument === '-h') throw new BenchHelpRequested();
    const [flag, inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--runs', '--slices', '--ct-slices', '--tuned-prefetch', '--only', '--out'].includes(flag)) {
      throw new BenchArgumentError(`"${argument}"`, 'is not an option');
    }
    const value = inline ?? argv[++index];
    if (value === undefined) throw new BenchArgumentError(flag, 'needs a value');
    switch (flag) {
      case '--runs':
        parsed.runs = wholeNumber(flag, value, 1, 20);
        break;
      case '--slices':
        parsed.slices = wholeNumber(flag, value, 20, 1000);
        break;
      case '--ct-slices':
        parsed.ctSlices = wholeNumber(flag, value, 100, 1000);
        break;
      case '--tuned-prefetch':
        parsed.tunedPrefetch = wholeNumber(flag, value, 1, 1000);
        break;
      case '--only': {
        const names = value.split(',').map(name => name.trim());
        const unknown = names.filter(name => !(sections as readonly string[]).includes(name));
        if (unknown.length > 0 || names.length === 0)
          throw new BenchArgumentError('--only', `takes ${sections.join(', ')}; got "${value}"`);
        parsed.only = sections.filter(section => names.includes(section));
        break;
      }
      case '--out':
        parsed.outDir = value;
        break;
    }
  }
  return parsed;
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  return assertIntegerText(value, new SettingsPath(flag, (key, problem) => new BenchArgumentError(key, problem)), {
    min,
    max,
  });
}
