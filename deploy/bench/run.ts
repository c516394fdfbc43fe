// `npm run bench`: series load (ours vs stock OHIF), auth overhead, refresh storm, authorizer, footprint.
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
import { conditionLabel, renderReport } from './report';
import { seriesLoadPlan, type BenchResults, type SeriesLoadCell } from './results';
import { measureSeriesLoad, viewerVariants } from './seriesLoad';
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

  if (wants('series') || wants('storm')) {
    log(`starting the local stack and ${args.slices}-slice series in ${dataDir}`);
    const bench = await startBenchStack({ dataDir, slices: args.slices, tunedPrefetch: args.tunedPrefetch, log: () => undefined });
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
    results.footprint = { bundles: await measureBundles(repositoryRoot), deploys: await measureDeployUploads(repositoryRoot, () => undefined) };
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageAtEnd = currentLoadAverage();
  const report = renderReport(results);
  const outDir = resolve(repositoryRoot, args.outDir);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), report);
  process.stdout.write(report);
  log(`written: ${join(args.outDir, 'latest.md')} and latest.json (${Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000)} s)`);
}

/**
 * Every viewer under every condition, one round after the other (rather than all runs of one viewer in a row), so
 * that a change in the machine's load during the benchmark spreads over all of them alike. A run that fails is
 * logged and left out: the tables say how many runs each figure has.
 */
async function runSeriesLoads(browser: Browser, bench: BenchStack, runs: number): Promise<SeriesLoadCell[]> {
  const { accessToken } = await signInOverHttp({
    issuer: bench.stack.issuer,
    ...bench.reader,
    redirectUri: `${bench.viewers.ours}/callback`,
  });
  const variants = viewerVariants(bench, accessToken);
  const cells: SeriesLoadCell[] = seriesLoadPlan.flatMap(({ condition, variants: names }) => names.map(variant => ({ condition, variant, runs: [] })));
  for (let run = 1; run <= runs; run++) {
    for (const entry of cells) {
      const prefix = `series ${run}/${runs}: ${conditionLabel(entry.condition)}, ${entry.variant}`;
      try {
        const measured = await measureSeriesLoad(browser, bench, variants[entry.variant], entry.condition);
        entry.runs.push(measured);
        const time = (ms: number | null) => (ms === null ? 'incomplete' : formatMs(ms));
        log(`${prefix}: first image ${time(measured.firstImageMs)}, all frames ${time(measured.allFramesMs)}, ${measured.frameResponsesByStatus['429'] ?? 0} × 429`);
      } catch (error) {
        log(`${prefix}: failed, left out (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
    }
  }
  return cells;
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
