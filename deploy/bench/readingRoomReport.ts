import { formatCount, formatMs, formatRatio, formatSummary, markdownTable, missing } from './format';
import { fairShareBoundMs } from './readingRoomFigures';
import type { NewStudyCell, ReadingRoomResults, RoomCell, RoomReaderRun, RoomRun, RoomVariant } from './readingRoom';
import type { TargetCheck } from './report';
import type { SeriesLoadCell } from './results';
import { ratioOfMedians, summarize, type Summary } from './statistics';

/** Targets of the reading room (issue 8), for our viewer; stock's figures are printed beside them. */
export const readingRoomTargets = {
  /** Aggregate retrieve answers per second while the quota binds, as a fraction of the quota. */
  aggregateShareOfQuota: 0.9,
  /** A reader's all-frames time over its fair-share bound. */
  overFairShareBound: 1.15,
  /** A study's first image opened beside three prefetching readers, over opened alone. */
  newStudyOverAlone: 1.2,
  /** Series load with tokens and authorizer over without, both unpaced. */
  authOverhead: 1.02,
};

export function quotaLabel(cell: { condition: RoomCell['condition'] }): string {
  return `${cell.condition.throttle.ratePerSecond}/s burst ${cell.condition.throttle.burst}, ${cell.condition.addedLatencyMs} ms`;
}

const pick = <T>(runs: readonly T[], value: (run: T) => number | null | undefined): Summary | undefined =>
  summarize(runs.map(value).filter((figure): figure is number => typeof figure === 'number'));

/** A reader's all-frames time over its fair-share bound, per run; null when the load did not complete. */
function overBound(reader: RoomReaderRun, cell: RoomCell, frames: number): number | null {
  if (reader.firstImageMs === null || reader.allFramesMs === null) return null;
  return reader.allFramesMs / fairShareBoundMs(reader.firstImageMs, frames, cell.condition.throttle, cell.readers);
}

/** The n-th reader (0-based) of every run of the cell. */
const readerRuns = (cell: RoomCell | undefined, index: number): RoomReaderRun[] =>
  (cell?.runs ?? []).map(run => run.readers[index]).filter((reader): reader is RoomReaderRun => reader !== undefined);

const bindingShare = (run: RoomRun, cell: RoomCell) =>
  run.aggregate.whileBinding ? run.aggregate.whileBinding.perSecond / cell.condition.throttle.ratePerSecond : null;

function findRoom(results: ReadingRoomResults, like: RoomCell, variant: RoomVariant): RoomCell | undefined {
  return results.rooms.find(
    cell => cell.variant === variant && cell.readers === like.readers && quotaLabel(cell) === quotaLabel(like),
  );
}

function framesOf(results: ReadingRoomResults): number {
  return results.studies[0]?.frames ?? 0;
}

/** The reading room's lines of the report's target table (all unknown when the section did not run). */
export function readingRoomTargetChecks(results: ReadingRoomResults | undefined): TargetCheck[] {
  const check = (value: number | undefined, ok: (value: number) => boolean) =>
    value === undefined ? undefined : ok(value);
  const ours = (results?.rooms ?? []).filter(cell => cell.variant === 'ours');
  const failed = summarize(
    ours.flatMap(cell => cell.runs.flatMap(run => run.readers.map(reader => reader.framesFailed))),
  );
  const checks: TargetCheck[] = [
    {
      figure: 'reading room: frames failed, ours, every reader of every run',
      target: '0',
      measured: failed ? `${formatCount(failed.max)} at most` : missing,
      met: check(failed?.max, max => max === 0),
    },
  ];
  const frames = results ? framesOf(results) : 0;
  for (const cell of ours) {
    const share = pick(cell.runs, run => bindingShare(run, cell));
    const noBinding = cell.runs.length > 0 && !share;
    checks.push({
      figure: `reading room ${quotaLabel(cell)}, ${cell.readers} reader(s), ours: aggregate while the quota binds ÷ quota`,
      target: `≥ ${readingRoomTargets.aggregateShareOfQuota.toFixed(2)}×`,
      measured: share
        ? formatRatio(share.median)
        : noBinding
          ? `${missing} (no 429 a second apart: the quota never bound)`
          : missing,
      met: check(share?.median, value => value >= readingRoomTargets.aggregateShareOfQuota),
    });
    const worst = Math.max(
      ...Array.from(
        { length: cell.readers },
        (_, index) => pick(readerRuns(cell, index), reader => overBound(reader, cell, frames))?.median ?? Number.NaN,
      ),
    );
    const known = Number.isFinite(worst) ? worst : undefined;
    checks.push({
      figure: `reading room ${quotaLabel(cell)}, ${cell.readers} reader(s), ours: slowest reader's all frames ÷ its fair-share bound`,
      target: `≤ ${readingRoomTargets.overFairShareBound.toFixed(2)}×`,
      measured: formatRatio(known),
      met: check(known, value => value <= readingRoomTargets.overFairShareBound),
    });
  }
  for (const cell of (results?.newStudy ?? []).filter(entry => entry.variant === 'ours')) {
    const ratio = newStudyRatio(cell);
    checks.push({
      figure: `new study's first image beside three prefetching ÷ alone, ${quotaLabel(cell)}, ours`,
      target: `≤ ${readingRoomTargets.newStudyOverAlone.toFixed(2)}×`,
      measured: formatRatio(ratio),
      met: check(ratio, value => value <= readingRoomTargets.newStudyOverAlone),
    });
  }
  const overhead = authOverheadRatio(results?.authOverhead ?? []);
  checks.push({
    figure: 'auth overhead, paced alike (both unpaced, 0 ms, throttle off): series load with / without',
    target: `≤ ${readingRoomTargets.authOverhead.toFixed(2)}×`,
    measured: formatRatio(overhead),
    met: check(overhead, value => value <= readingRoomTargets.authOverhead),
  });
  return checks;
}

function newStudyRatio(cell: NewStudyCell | undefined): number | undefined {
  return ratioOfMedians(
    pick(cell?.runs ?? [], run => run.besideThreeMs),
    pick(cell?.runs ?? [], run => run.aloneMs),
  );
}

function authOverheadRatio(cells: readonly SeriesLoadCell[]): number | undefined {
  const allFrames = (variant: string) =>
    pick(cells.find(cell => cell.variant === variant)?.runs ?? [], run => run.allFramesMs);
  return ratioOfMedians(allFrames('oursUnpaced'), allFrames('withoutAuth'));
}

/** Section 6: per reader, the aggregate, the new study, the auth overhead paced alike. */
export function readingRoomSection(results: ReadingRoomResults): string[] {
  const frames = framesOf(results);
  const both = (ours: string, stock: string) => `${ours} / ${stock}`;
  const readerRows: string[][] = [];
  const aggregateRows: string[][] = [];
  for (const oursCell of results.rooms.filter(cell => cell.variant === 'ours')) {
    const stockCell = findRoom(results, oursCell, 'stock');
    for (let index = 0; index < oursCell.readers; index++) {
      const [ours, stock] = [readerRuns(oursCell, index), readerRuns(stockCell, index)];
      const bound = (readers: RoomReaderRun[], cell: RoomCell | undefined) =>
        formatSummary(
          pick(readers, reader =>
            reader.firstImageMs === null || !cell
              ? null
              : fairShareBoundMs(reader.firstImageMs, frames, cell.condition.throttle, cell.readers),
          ),
          formatMs,
        );
      const ratio = (readers: RoomReaderRun[], cell: RoomCell | undefined) =>
        formatSummary(
          pick(readers, reader => (cell ? overBound(reader, cell, frames) : null)),
          formatRatio,
        );
      readerRows.push([
        quotaLabel(oursCell),
        String(oursCell.readers),
        `${index + 1}`,
        both(
          formatSummary(
            pick(ours, reader => reader.firstImageMs),
            formatMs,
          ),
          formatSummary(
            pick(stock, reader => reader.firstImageMs),
            formatMs,
          ),
        ),
        both(
          formatSummary(
            pick(ours, reader => reader.allFramesMs),
            formatMs,
          ),
          formatSummary(
            pick(stock, reader => reader.allFramesMs),
            formatMs,
          ),
        ),
        both(bound(ours, oursCell), bound(stock, stockCell)),
        both(ratio(ours, oursCell), ratio(stock, stockCell)),
        both(
          formatSummary(pick(ours, reader => reader.framesFailed)),
          formatSummary(pick(stock, reader => reader.framesFailed)),
        ),
        both(
          formatSummary(pick(ours, reader => reader.throttled)),
          formatSummary(pick(stock, reader => reader.throttled)),
        ),
      ]);
    }
    for (const cell of [oursCell, stockCell]) {
      if (!cell) continue;
      const binding = pick(cell.runs, run => run.aggregate.whileBinding?.perSecond);
      aggregateRows.push([
        quotaLabel(cell),
        String(cell.readers),
        cell.variant,
        formatSummary(
          pick(cell.runs, run => run.aggregate.framesPerSecond),
          value => value.toFixed(1),
        ),
        binding ? formatSummary(binding, value => value.toFixed(1)) : 'never bound',
        formatSummary(
          pick(cell.runs, run => run.aggregate.whileBinding?.spanMs),
          formatMs,
        ),
        formatRatio(binding && binding.median / cell.condition.throttle.ratePerSecond),
        formatSummary(
          pick(cell.runs, run => run.loadAverage),
          value => value.toFixed(1),
        ),
      ]);
    }
  }
  const newStudyRows = results.newStudy.map(cell => [
    quotaLabel(cell),
    cell.variant,
    formatSummary(
      pick(cell.runs, run => run.aloneMs),
      formatMs,
    ),
    formatSummary(
      pick(cell.runs, run => run.besideThreeMs),
      formatMs,
    ),
    formatRatio(newStudyRatio(cell)),
    formatSummary(pick(cell.runs, run => run.othersFramesLeft)),
    both(
      formatSummary(pick(cell.runs, run => run.throttledMeanwhile)),
      formatSummary(pick(cell.runs, run => run.throttledToFourth)),
    ),
  ]);
  const overheadRows = results.authOverhead.map(cell => [
    cell.variant === 'oursUnpaced'
      ? 'ours, client pacing off (tokens, extension, authorizer)'
      : 'ours without auth (no extension, no pacer, authorization skipped)',
    formatSummary(
      pick(cell.runs, run => run.firstImageMs),
      formatMs,
    ),
    formatSummary(
      pick(cell.runs, run => run.allFramesMs),
      formatMs,
    ),
    formatSummary(pick(cell.runs, run => run.framesFailed)),
    formatSummary(pick(cell.runs, run => run.preflights)),
  ]);
  return [
    '## 6. Reading room: readers in separate browsers sharing one quota',
    '',
    `Each reader is its own browser context (own storage, Web Locks, BroadcastChannels) opening its own CT study ` +
      `(${results.studies[0]?.description ?? missing}); all navigate together. 429s are counted at the endpoint, per reader by ` +
      'the study in the request path. Fair-share bound of a reader among n: first image + (frames − burst ÷ n) ÷ (rate ÷ n).',
    '',
    markdownTable(
      [
        'quota, latency',
        'readers',
        'reader',
        'first image (ours / stock)',
        `all ${frames} frames`,
        'fair-share bound',
        'all frames ÷ bound',
        'frames failed',
        '429s at the endpoint',
      ],
      readerRows,
    ),
    '',
    'Aggregate: frames answered 200 per second from the first to the last; retrieve answers (frames and metadata, what the ' +
      'quota counts) per second from the first 429 to the last, i.e. while the quota demonstrably binds.',
    '',
    markdownTable(
      [
        'quota, latency',
        'readers',
        'viewer',
        'frames/s over the load',
        'retrieve/s while binding',
        'binding span',
        '÷ quota',
        'load average after',
      ],
      aggregateRows,
    ),
    '',
    'A new study (study 4) opened by a fourth reader 2 s after three others (studies 1–3) had their first images, against the same study opened alone ' +
      `(${missing}: no first image within a minute).`,
    '',
    markdownTable(
      [
        'quota, latency',
        'viewer',
        'first image alone',
        'beside three prefetching',
        'ratio',
        'frames the three still had to load',
        '429s meanwhile / to the fourth',
      ],
      newStudyRows,
    ),
    '',
    'Auth overhead with both viewers paced alike: neither paces (ours with `retrieveRateLimit: false`), 0 ms, throttle off, study 1.',
    '',
    markdownTable(['viewer', 'first image', `all ${frames} frames`, 'frames failed', 'CORS preflights'], overheadRows),
  ];
}
