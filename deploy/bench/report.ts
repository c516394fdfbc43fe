import {
  formatBytes,
  formatCount,
  formatMet,
  formatMs,
  formatRatio,
  formatSummary,
  markdownTable,
  missing,
} from './format';
import { readingRoomSection, readingRoomTargetChecks } from './readingRoomReport';
import type { BenchResults, SeriesLoadCell } from './results';
import { healthImagingThrottle, type NetworkCondition, type SeriesLoadRun, type VariantName } from './seriesLoad';
import { ratioOfMedians, summarize, type Summary } from './statistics';

/** One target next to what was measured. `met` is undefined when the figure is missing. */
export interface TargetCheck {
  figure: string;
  target: string;
  measured: string;
  met: boolean | undefined;
}

export const targetCondition: NetworkCondition = { addedLatencyMs: 40, throttle: healthImagingThrottle };
export const authOverheadCondition: NetworkCondition = { addedLatencyMs: 0, throttle: false };
const extensionBundleLimitBytes = 40 * 1024;

export function conditionLabel({ addedLatencyMs, throttle }: NetworkCondition): string {
  if (!throttle) return `${addedLatencyMs} ms, throttle off`;
  const quota =
    throttle.ratePerSecond === healthImagingThrottle.ratePerSecond && throttle.burst === healthImagingThrottle.burst
      ? 'on'
      : '';
  return `${addedLatencyMs} ms, throttle ${quota || `${throttle.ratePerSecond}/s burst ${throttle.burst}`}`;
}

function cell(results: BenchResults, condition: NetworkCondition, variant: VariantName): SeriesLoadCell | undefined {
  return results.seriesLoad.find(
    entry => entry.variant === variant && conditionLabel(entry.condition) === conditionLabel(condition),
  );
}

const values = (
  runs: readonly SeriesLoadRun[] | undefined,
  pick: (run: SeriesLoadRun) => number | null | undefined,
): number[] => (runs ?? []).map(pick).filter((value): value is number => typeof value === 'number');

/** Frames per second once the first image is there: what the request limits and the network allow. */
function frameRate(run: SeriesLoadRun, frames: number): number | null {
  if (run.allFramesMs === null || run.firstImageMs === null || run.allFramesMs <= run.firstImageMs) return null;
  return (frames - 1) / ((run.allFramesMs - run.firstImageMs) / 1000);
}

const throttled = (run: SeriesLoadRun) => run.frameResponsesByStatus['429'] ?? 0;

function seriesFigures(results: BenchResults, condition: NetworkCondition, variant: VariantName) {
  const runs = cell(results, condition, variant)?.runs;
  const frames = results.series?.frames ?? 0;
  return {
    runs: runs?.length ?? 0,
    complete: values(runs, run => (run.allFramesMs === null ? null : 1)).length,
    firstImage: summarize(values(runs, run => run.firstImageMs)),
    allFrames: summarize(values(runs, run => run.allFramesMs)),
    frameRate: summarize(values(runs, run => frameRate(run, frames))),
    throttled: summarize(values(runs, throttled)),
    failed: summarize(values(runs, run => run.framesFailed)),
    preflights: summarize(values(runs, run => run.preflights)),
    peakInFlight: summarize(values(runs, run => run.peakFramesInFlight)),
    frameRequestMs: summarize(values(runs, run => run.medianFrameRequestMs)),
    studyToFirstImage: summarize(values(runs, run => run.ohifTimings.studyToFirstImage)),
  };
}

/** The figures the issue sets targets for, each beside its target. */
export function targetChecks(results: BenchResults): TargetCheck[] {
  const ours = seriesFigures(results, targetCondition, 'ours');
  const stock = seriesFigures(results, targetCondition, 'stock');
  const seriesRatio = ratioOfMedians(ours.allFrames, stock.allFrames);
  const firstImageRatio = ratioOfMedians(ours.firstImage, stock.firstImage);
  const withAuth = seriesFigures(results, authOverheadCondition, 'ours');
  const withoutAuth = seriesFigures(results, authOverheadCondition, 'withoutAuth');
  const authRatio = ratioOfMedians(withAuth.allFrames, withoutAuth.allFrames);
  const storms = results.refreshStorm;
  const stormTokens = summarize(storms.map(run => run.tokenRequests));
  const stormFailed = summarize(storms.map(run => run.failedImages));
  const p99 = summarize(results.authorizer.map(run => run.authorizer.warmP99Ms));
  const perSecond = summarize(results.authorizer.map(run => run.authorizer.perSecond));
  const extension = results.footprint?.bundles.find(bundle => bundle.file.startsWith('extension/'));
  const unchanged = results.footprint?.deploys.find(deploy => deploy.case === 'unchanged build');
  const at = conditionLabel(targetCondition);
  const check = (value: number | undefined, ok: (value: number) => boolean) =>
    value === undefined ? undefined : ok(value);
  return [
    {
      figure: `series load (all ${results.series?.frames ?? '?'} frames), ours / stock, ${at}`,
      target: '≤ 0.50×',
      measured: ratioText(seriesRatio, stock),
      met: check(seriesRatio, ratio => ratio <= 0.5),
    },
    {
      figure: `time to first image, ours / stock, ${at}`,
      target: '≤ 1.00×',
      measured: formatRatio(firstImageRatio),
      met: check(firstImageRatio, ratio => ratio <= 1),
    },
    {
      figure: `auth overhead: series load with / without tokens and authorizer, ${conditionLabel(authOverheadCondition)}`,
      target: '≤ 1.02×',
      measured: formatRatio(authRatio),
      met: check(authRatio, ratio => ratio <= 1.02),
    },
    {
      figure: 'refresh storm (100 × 403): token requests',
      target: '1',
      measured: formatSummary(stormTokens),
      met: check(stormTokens?.max, max => max === 1 && stormTokens?.min === 1),
    },
    {
      figure: 'refresh storm: failed images',
      target: '0',
      measured: formatSummary(stormFailed),
      met: check(stormFailed?.max, max => max === 0),
    },
    {
      figure: 'authorizer warm p99',
      target: '≤ 2 ms',
      measured: formatSummary(p99, formatMs),
      met: check(p99?.median, value => value <= 2),
    },
    {
      figure: 'authorizer verifications/s, one core',
      target: '≥ 10 000',
      measured: formatSummary(perSecond),
      met: check(perSecond?.median, value => value >= 10_000),
    },
    {
      figure: 'extension bundle, gzip',
      target: '≤ 40 KB',
      measured: extension ? formatBytes(extension.gzipBytes) : missing,
      met: check(extension?.gzipBytes, bytes => bytes <= extensionBundleLimitBytes),
    },
    {
      figure: 'deploy of an unchanged build: files uploaded',
      target: '0',
      measured: unchanged ? `${unchanged.filesUploaded} (${formatBytes(unchanged.bytesUploaded)})` : missing,
      met: check(unchanged?.filesUploaded, files => files === 0),
    },
    ...readingRoomTargetChecks(results.readingRoom),
  ];
}

/** A ratio, or why there is none: stock did not load every frame in any run. */
function ratioText(ratio: number | undefined, stock: ReturnType<typeof seriesFigures>): string {
  if (ratio !== undefined) return formatRatio(ratio);
  return stock.runs > 0 && stock.complete === 0 ? `${missing} (stock never loaded every frame)` : missing;
}

/** The whole report: header, targets, then one table per part. */
export function renderReport(results: BenchResults): string {
  const { machine, series } = results;
  const lines = [
    `# npm run bench — ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; Chromium ${machine.chromium}. ` +
      `Load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd ?? '?'} at end.`,
    `Runs: ${results.runs} of each measurement; figures are medians with (min–max).` +
      (series ? ` Series: ${series.frames} frames, ${series.description}.` : ''),
    '',
    '## Targets',
    '',
    markdownTable(
      ['figure', 'target', 'measured', 'met'],
      targetChecks(results).map(check => [check.figure, check.target, check.measured, formatMet(check.met)]),
    ),
  ];
  if (results.seriesLoad.length > 0) lines.push('', ...seriesLoadSection(results));
  if (results.refreshStorm.length > 0) lines.push('', ...stormSection(results));
  if (results.authorizer.length > 0) lines.push('', ...authorizerSection(results));
  if (results.footprint) lines.push('', ...footprintSection(results));
  if (results.readingRoom) lines.push('', ...readingRoomSection(results.readingRoom));
  return `${lines.join('\n')}\n`;
}

function variantTitle(variant: VariantName, results: BenchResults): string {
  return {
    ours: 'ours',
    stock: 'stock',
    withoutAuth: 'ours without auth',
    preflightsOnly: 'ours without auth, preflights only',
    oursTuned: `ours with prefetch ${results.tunedPrefetch}`,
    oursUnpaced: 'ours, client pacing off',
  }[variant];
}

function seriesLoadSection(results: BenchResults): string[] {
  const conditions = results.seriesLoad
    .map(entry => entry.condition)
    .filter(
      (condition, index, all) => all.findIndex(other => conditionLabel(other) === conditionLabel(condition)) === index,
    );
  const frames = results.series?.frames ?? 0;
  const rows: string[][] = [];
  for (const condition of conditions) {
    const variants = results.seriesLoad
      .filter(entry => conditionLabel(entry.condition) === conditionLabel(condition))
      .map(entry => entry.variant);
    const figures = new Map(variants.map(variant => [variant, seriesFigures(results, condition, variant)]));
    const ours = figures.get('ours');
    const stock = figures.get('stock');
    const others = variants.filter(variant => variant !== 'ours' && variant !== 'stock');
    type Figures = ReturnType<typeof seriesFigures>;
    const row = (
      figure: string,
      pick: (figures: Figures) => Summary | undefined,
      format: (value: number) => string,
      ratio: boolean,
    ) => [
      conditionLabel(condition),
      figure,
      formatSummary(ours && pick(ours), format),
      formatSummary(stock && pick(stock), format),
      ratio ? formatRatio(ratioOfMedians(ours && pick(ours), stock && pick(stock))) : '',
      others
        .map(
          variant =>
            `${variantTitle(variant, results)}: ${formatSummary(pick(figures.get(variant) as Figures), format)}`,
        )
        .join('; '),
    ];
    rows.push(
      row('time to first image', f => f.firstImage, formatMs, true),
      row(`all ${frames} frames loaded`, f => f.allFrames, formatMs, true),
      row(
        'frames/s after the first',
        f => f.frameRate,
        value => value.toFixed(1),
        true,
      ),
      row('peak frame requests in flight', f => f.peakInFlight, formatCount, false),
      row('frame request, issue to last byte (median)', f => f.frameRequestMs, formatMs, true),
      row('OHIF studyToFirstImage', f => f.studyToFirstImage, formatMs, true),
      row('429 answers', f => f.throttled, formatCount, false),
      row('frames failed', f => f.failed, formatCount, false),
      row('CORS preflights', f => f.preflights, formatCount, false),
    );
  }
  return [
    '## 1. Series load in headless Chromium (and 2. auth overhead)',
    '',
    "Times from the navigation to the study (the viewer already open on its study list, signed in); cornerstone's " +
      'IMAGE_LOADED events. Incomplete loads count in "frames failed", not in the times.',
    '',
    markdownTable(['network', 'figure', 'ours', 'stock', 'ours / stock', 'other viewers'], rows),
  ];
}

function stormSection(results: BenchResults): string[] {
  const storms = results.refreshStorm;
  const statuses = [...new Set(storms.flatMap(run => Object.keys(run.frameResponsesByStatus)))].sort();
  return [
    '## 3. Refresh storm (our viewer; 100 images loaded at once, every one answered 403 "Invalid or Expired Token"; 40 ms, throttle off)',
    '',
    markdownTable(
      [
        'token requests',
        'failed images',
        'time to full recovery',
        ...statuses.map(status => `frame answers ${status}`),
      ],
      [
        [
          formatSummary(summarize(storms.map(run => run.tokenRequests))),
          formatSummary(summarize(storms.map(run => run.failedImages))),
          formatSummary(summarize(storms.map(run => run.recoveryMs)), formatMs),
          ...statuses.map(status =>
            formatSummary(summarize(storms.map(run => run.frameResponsesByStatus[status] ?? 0))),
          ),
        ],
      ],
    ),
  ];
}

function authorizerSection(results: BenchResults): string[] {
  const row = (
    name: string,
    pick: (run: BenchResults['authorizer'][number]) => BenchResults['authorizer'][number]['authorizer'],
  ) => {
    const runs = results.authorizer.map(pick);
    return [
      name,
      formatSummary(summarize(runs.map(run => run.warmP50Ms)), formatMs),
      formatSummary(summarize(runs.map(run => run.warmP99Ms)), formatMs),
      formatSummary(summarize(runs.map(run => run.perSecond))),
      formatSummary(summarize(runs.map(run => run.coldStartMs)), formatMs),
    ];
  };
  return [
    '## 4. Authorizer (RS256, 2048-bit key, 20 000 sequential verifications per run on one thread)',
    '',
    markdownTable(
      ['verifier', 'warm p50', 'warm p99', 'verifications/s', 'cold start incl. JWKS fetch'],
      [
        row('our authorizer (createAuthorizer)', run => run.authorizer),
        row('aws-jwt-verify alone (JwtVerifier)', run => run.awsJwtVerify),
      ],
    ),
  ];
}

function footprintSection(results: BenchResults): string[] {
  const footprint = results.footprint as NonNullable<BenchResults['footprint']>;
  return [
    '## 5. Footprint',
    '',
    markdownTable(
      ['runtime bundle', 'bytes', 'gzip'],
      footprint.bundles.map(bundle => [bundle.file, formatBytes(bundle.bytes), formatBytes(bundle.gzipBytes)]),
    ),
    '',
    markdownTable(
      ['deploy (publish planner, local S3)', 'files uploaded', 'bytes uploaded', 'files deleted', 'invalidations'],
      footprint.deploys.map(deploy => [
        deploy.case,
        String(deploy.filesUploaded),
        formatBytes(deploy.bytesUploaded),
        String(deploy.filesDeleted),
        deploy.invalidations.join(' ') || 'none',
      ]),
    ),
  ];
}
