// `npm run bench`: series load (ours vs stock OHIF), auth overhead, refresh storm, reading room, authorizer, footprint.
//   npm run bench -- --help
// Prints the report (Markdown tables) on stdout and writes it with every run's figures to .data/bench/latest.md and
// latest.json. Progress goes to stderr. Not part of npm test: it takes minutes and its figures depend on the machine.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../local/browser/launchChromium';
import { signInOverHttp } from '../local/oidc/testing';
import { measureAuthorizer } from './authorizerBench';
import { BenchArgumentError, BenchHelpRequested, parseBenchArguments, type BenchArguments } from './benchArguments';
import { repositoryRoot, startBenchStack, type BenchStack } from './benchStack';
import { measureBundles, measureDeployUploads } from './footprint';
import { currentLoadAverage, describeMachine } from './machine';
import { measureRefreshStorms } from './refreshStorm';
import {
  measureNewStudy,
  measureRoom,
  pacedAlikeCondition,
  readingRoomConditions,
  readingRoomReaders,
  type NewStudyCell,
  type ReadingRoomResults,
  type RoomCell,
  type RoomVariant,
} from './readingRoom';
import { conditionLabel, renderReport } from './report';
import { seriesLoadPlan, type BenchResults, type SeriesLoadCell } from './results';
import { measureSeriesLoad, viewerVariants, type ViewerVariant, type VariantName } from './seriesLoad';
import { formatMs } from './format';

const log = (line: string) => void process.stderr.write(`${line}\n`);

async function main(args: BenchArguments): Promise<void> {
  const dataDir = resolve(repositoryRoot, args.outDir, 'stack');
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    runs: args.runs,
    tunedPrefetch: args.tunedPrefetch,
    machine: describeMachine('not started'),
    seriesLoad: [],
    refreshStorm: [],
    authorizer: [],
  };
  const wants = (section: BenchArguments['only'][number]) => args.only.includes(section);

  if (wants('series') || wants('storm') || wants('readingRoom')) {
    log(`starting the local stack and ${args.slices}-slice series in ${dataDir}`);
    if (wants('readingRoom'))
      log(
        `reading room: 4 CT studies of ${args.ctSlices} slices (the HTJ2K encoding of a new slice count takes minutes)`,
      );
    const bench = await startBenchStack({
      dataDir,
      slices: args.slices,
      tunedPrefetch: args.tunedPrefetch,
      ...(wants('readingRoom') ? { ctStudies: { slices: args.ctSlices, count: 4 } } : {}),
      log: () => undefined,
    });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      results.machine.chromium = browser.version();
      results.series = bench.series;
      if (wants('series')) results.seriesLoad = await runSeriesLoads(browser, bench, args.runs);
      if (wants('storm')) {
        log('refresh storm');
        results.refreshStorm = await measureRefreshStorms(browser, bench, args.runs);
      }
      if (wants('readingRoom')) results.readingRoom = await runReadingRoom(browser, bench, args.runs);
    } finally {
      await browser?.close();
      await bench.stop();
    }
  }
  if (wants('authorizer')) {
    for (let run = 1; run <= args.runs; run++) {
      log(`authorizer ${run}/${args.runs}`);
      results.authorizer.push(await measureAuthorizer());
    }
  }
  if (wants('footprint')) {
    log('footprint: bundle sizes and three publishes to a local S3 server');
    results.footprint = {
      bundles: await measureBundles(repositoryRoot),
      deploys: await measureDeployUploads(repositoryRoot, () => undefined),
    };
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageAtEnd = currentLoadAverage();
  const report = renderReport(results);
  const outDir = resolve(repositoryRoot, args.outDir);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), report);
  process.stdout.write(report);
  log(
    `written: ${join(args.outDir, 'latest.md')} and latest.json (${Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000)} s)`,
  );
}

/**
 * Every viewer under every condition, one round after the other (rather than all runs of one viewer in a row), so
 * that a change in the machine's load during the benchmark spreads over all of them alike. A run that fails is
 * logged and left out: the tables say how many runs each figure has.
 */
async function runSeriesLoads(browser: Browser, bench: BenchStack, runs: number): Promise<SeriesLoadCell[]> {
  const variants = await signedInVariants(bench);
  const cells: SeriesLoadCell[] = seriesLoadPlan.flatMap(({ condition, variants: names }) =>
    names.map(variant => ({ condition, variant, runs: [] })),
  );
  for (let run = 1; run <= runs; run++) {
    for (const entry of cells) {
      const prefix = `series ${run}/${runs}: ${conditionLabel(entry.condition)}, ${entry.variant}`;
      try {
        const measured = await measureSeriesLoad(browser, bench, variants[entry.variant], entry.condition);
        entry.runs.push(measured);
        const time = (ms: number | null) => (ms === null ? 'incomplete' : formatMs(ms));
        log(
          `${prefix}: first image ${time(measured.firstImageMs)}, all frames ${time(measured.allFramesMs)}, ${measured.frameResponsesByStatus['429'] ?? 0} × 429`,
        );
      } catch (error) {
        log(`${prefix}: failed, left out (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
    }
  }
  return cells;
}

/** The viewers, with the token stock OHIF's requests carry from a sign-in over HTTP. */
async function signedInVariants(bench: BenchStack): Promise<Record<VariantName, ViewerVariant>> {
  const { accessToken } = await signInOverHttp({
    issuer: bench.stack.issuer,
    ...bench.reader,
    redirectUri: `${bench.viewers.ours}/callback`,
  });
  return viewerVariants(bench, accessToken);
}

/**
 * The reading room, round after round as the series loads are: under each quota, ours and stock with 1 and 3
 * readers, then the fourth reader's new study; then the auth overhead with both viewers unpaced.
 */
async function runReadingRoom(browser: Browser, bench: BenchStack, runs: number): Promise<ReadingRoomResults> {
  const variants = await signedInVariants(bench);
  const roomVariants: RoomVariant[] = ['ours', 'stock'];
  const rooms: RoomCell[] = readingRoomConditions.flatMap(condition =>
    roomVariants.flatMap(variant => readingRoomReaders.map(readers => ({ variant, readers, condition, runs: [] }))),
  );
  const newStudy: NewStudyCell[] = readingRoomConditions.flatMap(condition =>
    roomVariants.map(variant => ({ variant, condition, runs: [] })),
  );
  const authOverhead: SeriesLoadCell[] = (['oursUnpaced', 'withoutAuth'] as const).map(variant => ({
    condition: pacedAlikeCondition,
    variant,
    runs: [],
  }));
  const attempt = async (label: string, measure: () => Promise<string>) => {
    try {
      log(`${label}: ${await measure()}`);
    } catch (error) {
      log(`${label}: failed, left out (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  };
  const time = (ms: number | null) => (ms === null ? 'none' : formatMs(ms));
  for (let run = 1; run <= runs; run++) {
    for (const condition of readingRoomConditions) {
      for (const cell of rooms.filter(entry => entry.condition === condition)) {
        await attempt(
          `reading room ${run}/${runs}: ${conditionLabel(condition)}, ${cell.variant}, ${cell.readers} reader(s)`,
          async () => {
            const measured = await measureRoom(
              browser,
              bench,
              variants[cell.variant],
              bench.ctStudies.slice(0, cell.readers),
              condition,
              currentLoadAverage,
            );
            cell.runs.push(measured);
            return measured.readers
              .map(
                reader =>
                  `reader ${reader.study}: first ${time(reader.firstImageMs)}, all ${time(reader.allFramesMs)}, ${reader.framesFailed} failed, ${reader.throttled} × 429`,
              )
              .join('; ');
          },
        );
      }
      for (const cell of newStudy.filter(entry => entry.condition === condition)) {
        await attempt(`new study ${run}/${runs}: ${conditionLabel(condition)}, ${cell.variant}`, async () => {
          const measured = await measureNewStudy(browser, bench, variants[cell.variant], condition);
          cell.runs.push(measured);
          return `alone ${time(measured.aloneMs)}, beside three ${time(measured.besideThreeMs)} (${measured.othersFramesLeft} frames left to them)`;
        });
      }
    }
    for (const cell of authOverhead) {
      await attempt(`auth overhead, paced alike ${run}/${runs}: ${cell.variant}`, async () => {
        const measured = await measureSeriesLoad(
          browser,
          bench,
          variants[cell.variant],
          cell.condition,
          bench.ctStudies[0],
        );
        cell.runs.push(measured);
        return `first image ${time(measured.firstImageMs)}, all frames ${time(measured.allFramesMs)}`;
      });
    }
  }
  return { studies: bench.ctStudies, rooms, newStudy, authOverhead };
}

let parsed: BenchArguments;
try {
  parsed = parseBenchArguments(process.argv.slice(2));
} catch (error) {
  if (error instanceof BenchHelpRequested) {
    process.stdout.write(`${error.message}\n`);
    process.exit(0);
  }
  if (error instanceof BenchArgumentError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
main(parsed).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
