import { BenchArgumentError, BenchHelpRequested, parseBenchArguments, sections } from './benchArguments';

describe('parseBenchArguments', () => {
  it('has defaults for everything', () => {
    expect(parseBenchArguments([])).toEqual({
      runs: 3,
      slices: 160,
      ctSlices: 400,
      tunedPrefetch: 16,
      only: [...sections],
      outDir: '.data/bench',
    });
  });

  it('reads each flag, as two words or with =', () => {
    expect(
      parseBenchArguments([
        '--runs',
        '5',
        '--slices=200',
        '--ct-slices',
        '500',
        '--tuned-prefetch',
        '8',
        '--only',
        'storm,series',
        '--out=bench-out',
      ]),
    ).toEqual({
      runs: 5,
      slices: 200,
      ctSlices: 500,
      tunedPrefetch: 8,
      only: ['series', 'storm'],
      outDir: 'bench-out',
    });
  });

  it.each([
    [['--runs', '0'], '--runs must be a whole number from 1 to 20; got "0"'],
    [['--runs', '2.5'], '--runs must be a whole number'],
    [['--slices', '10'], '--slices must be a whole number from 20 to 1000'],
    [['--ct-slices', '50'], '--ct-slices must be a whole number from 100 to 1000'],
    [
      ['--only', 'series,browser'],
      '--only takes series, storm, readingRoom, authorizer, footprint; got "series,browser"',
    ],
    [['--runs'], '--runs needs a value'],
    [['--fast'], '"--fast" is not an option'],
  ])('refuses %j naming the problem', (argv, message) => {
    expect(() => parseBenchArguments(argv)).toThrow(BenchArgumentError);
    expect(() => parseBenchArguments(argv)).toThrow(message);
  });

  it('runs the reading room alone with --only readingRoom', () => {
    expect(parseBenchArguments(['--only', 'readingRoom']).only).toEqual(['readingRoom']);
  });

  it('answers --help with the usage', () => {
    expect(() => parseBenchArguments(['--help'])).toThrow(BenchHelpRequested);
  });
});
