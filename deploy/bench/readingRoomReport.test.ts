import type { ReadingRoomResults, RoomReaderRun, RoomRun } from './readingRoom';
import { readingRoomSection, readingRoomTargetChecks } from './readingRoomReport';
import type { SeriesLoadRun } from './seriesLoad';

const quota = { ratePerSecond: 20, burst: 40 };
const condition = { addedLatencyMs: 40, throttle: quota };

const reader = (
  study: number,
  firstImageMs: number,
  allFramesMs: number | null,
  overrides: Partial<RoomReaderRun> = {},
): RoomReaderRun => ({
  study,
  firstImageMs,
  allFramesMs,
  framesLoaded: allFramesMs === null ? 390 : 400,
  framesFailed: allFramesMs === null ? 10 : 0,
  frameResponsesByStatus: { '200': 400 },
  throttled: 0,
  failures: [],
  ...overrides,
});

const run = (readers: RoomReaderRun[], perSecond: number | null): RoomRun => ({
  readers,
  aggregate: {
    framesServed: 400 * readers.length,
    framesPerSecond: 19,
    whileBinding:
      perSecond === null ? null : { spanMs: 50_000, retrieveServed: perSecond * 50, perSecond, throttled: 9 },
  },
  loadAverage: 3.5,
});

const load = (allFramesMs: number): SeriesLoadRun => ({
  firstImageMs: 1000,
  allFramesMs,
  framesLoaded: 400,
  framesFailed: 0,
  ohifTimings: {},
  frameRequests: 400,
  frameResponsesByStatus: { '200': 400 },
  requests: 410,
  preflights: 0,
  peakFramesInFlight: 6,
  medianFrameRequestMs: 30,
  failures: [],
});

// Bounds at 20/s burst 40: one reader 2 s + 18 s = 20 s; each of three 2 s + 58 s = 60 s.
function results(): ReadingRoomResults {
  return {
    studies: [1, 2, 3, 4].map(study => ({
      studyInstanceUid: `2.25.${study}`,
      seriesInstanceUid: `2.25.${study}0`,
      frames: 400,
      description: '400 CT slices',
    })),
    rooms: [
      { variant: 'ours', readers: 1, condition, runs: [run([reader(1, 2000, 22_000)], 19.5)] },
      {
        variant: 'ours',
        readers: 3,
        condition,
        runs: [run([reader(1, 2000, 60_000), reader(2, 2000, 66_000), reader(3, 2000, 72_000, { throttled: 4 })], 16)],
      },
      { variant: 'stock', readers: 1, condition, runs: [run([reader(1, 2000, null, { throttled: 300 })], 20)] },
      {
        variant: 'stock',
        readers: 3,
        condition,
        runs: [run([reader(1, 2000, null), reader(2, 2000, null), reader(3, 2000, null)], 20)],
      },
    ],
    newStudy: [
      {
        variant: 'ours',
        condition,
        runs: [
          { aloneMs: 2000, besideThreeMs: 2300, othersFramesLeft: 1000, throttledMeanwhile: 12, throttledToFourth: 1 },
        ],
      },
      {
        variant: 'stock',
        condition,
        runs: [
          { aloneMs: 2000, besideThreeMs: 5000, othersFramesLeft: 900, throttledMeanwhile: 300, throttledToFourth: 40 },
        ],
      },
    ],
    authOverhead: [
      { condition: { addedLatencyMs: 0, throttle: false }, variant: 'oursUnpaced', runs: [load(10_100)] },
      { condition: { addedLatencyMs: 0, throttle: false }, variant: 'withoutAuth', runs: [load(10_000)] },
    ],
  };
}

describe('readingRoomTargetChecks', () => {
  it('checks our viewer against each target, with the slowest reader for the fair-share bound', () => {
    const checks = readingRoomTargetChecks(results());
    const byFigure = (part: string) => checks.filter(check => check.figure.includes(part));
    expect(byFigure('frames failed')).toEqual([expect.objectContaining({ measured: '0 at most', met: true })]);
    expect(byFigure('aggregate while the quota binds').map(check => [check.measured, check.met])).toEqual([
      ['0.97×', true],
      ['0.80×', false],
    ]);
    // 22 s ÷ 20 s; three readers: the slowest, 72 s ÷ 60 s.
    expect(byFigure('fair-share bound').map(check => [check.measured, check.met])).toEqual([
      ['1.10×', true],
      ['1.20×', false],
    ]);
    expect(byFigure('new study')).toEqual([expect.objectContaining({ measured: '1.15×', met: true })]);
    expect(byFigure('auth overhead, paced alike')).toEqual([expect.objectContaining({ measured: '1.01×', met: true })]);
  });

  it('says so when the quota never bound, and counts a failed frame of ours as missed', () => {
    const figures = results();
    figures.rooms[0] = { ...figures.rooms[0]!, runs: [run([reader(1, 2000, null)], null)] };
    const checks = readingRoomTargetChecks(figures);
    expect(checks.find(check => check.figure.startsWith('reading room: frames failed'))).toMatchObject({
      measured: '10 at most',
      met: false,
    });
    expect(checks.find(check => check.figure.includes('1 reader(s), ours: aggregate'))).toMatchObject({
      measured: expect.stringContaining('never bound'),
      met: undefined,
    });
  });

  it('marks every target unknown when the section did not run', () => {
    expect(
      readingRoomTargetChecks(undefined).every(check => check.met === undefined && check.measured.startsWith('—')),
    ).toBe(true);
  });
});

describe('readingRoomSection', () => {
  it('has a row per reader with ours and stock side by side, the aggregate, the new study and the auth overhead', () => {
    const text = readingRoomSection(results()).join('\n');
    expect(text).toContain('## 6. Reading room');
    expect(text).toMatch(
      /\| 20\/s burst 40, 40 ms +\| 3 +\| 3 +\| 2.00 s \/ 2.00 s +\| 72.00 s \/ — +\| 60.00 s \/ 60.00 s +\| 1.20× \/ — +\| 0 \/ 10 +\| 4 \/ 0 +\|/,
    );
    expect(text).toMatch(
      /\| 20\/s burst 40, 40 ms +\| 3 +\| stock +\| 19.0 +\| 20.0 +\| 50.00 s +\| 1.00× +\| 3.5 +\|/,
    );
    expect(text).toMatch(/\| 20\/s burst 40, 40 ms +\| ours +\| 2.00 s +\| 2.30 s +\| 1.15× +\| 1 000 +\| 12 \/ 1 +\|/);
    expect(text).toMatch(/\| ours, client pacing off .*\| 1.00 s +\| 10.10 s +\| 0 +\| 0 +\|/);
  });
});
