import type { Browser } from 'playwright-core';
import type { ThrottleSettings } from '../local/dicomweb';
import type { BenchStack } from './benchStack';
import { openViewer, type OpenViewer } from './browser/openViewer';
import { loadSettledScript } from './browser/pageScripts';
import { readProbeResult } from './browser/readProbeResult';
import type { DerivedSeries } from './derivedSeries';
import { aggregateThroughput, requestsOfStudy, statusCounts, type AggregateThroughput } from './readingRoomFigures';
import type { SeriesLoadCell } from './results';
import { healthImagingThrottle, studyUrl, type NetworkCondition, type ViewerVariant } from './seriesLoad';

/** The two viewers the reading room compares. */
export type RoomVariant = 'ours' | 'stock';

/** One reader's load in a reading room run. */
export interface RoomReaderRun {
  /** Which of the CT studies (1-based) this reader opened. */
  study: number;
  firstImageMs: number | null;
  allFramesMs: number | null;
  framesLoaded: number;
  framesFailed: number;
  /** The endpoint's answers to this reader's frame requests (its study's, from the request log), by status. */
  frameResponsesByStatus: Record<string, number>;
  /** 429 answers to any of this reader's requests (frames and metadata), counted at the endpoint. */
  throttled: number;
  failures: string[];
}

export interface RoomRun {
  readers: RoomReaderRun[];
  aggregate: AggregateThroughput;
  /** The machine's 1-minute load average when the run ended. */
  loadAverage: number;
}

/** Every run of one viewer with `readers` readers at once under one condition. */
export interface RoomCell {
  variant: RoomVariant;
  readers: number;
  condition: NetworkCondition & { throttle: ThrottleSettings };
  runs: RoomRun[];
}

/** First image of a study opened alone, and opened by a fourth reader while three others prefetch. */
export interface NewStudyRun {
  aloneMs: number | null;
  besideThreeMs: number | null;
  /** Frames the three others still had to load when the fourth opened its study (they were prefetching). */
  othersFramesLeft: number;
  /**
   * 429 answers at the endpoint from the three others' navigation to the fourth's first image, and those of them to
   * the fourth: whether the quota, or the machine, stood between the fourth and its first image.
   */
  throttledMeanwhile: number;
  throttledToFourth: number;
}

export interface NewStudyCell {
  variant: RoomVariant;
  condition: NetworkCondition & { throttle: ThrottleSettings };
  runs: NewStudyRun[];
}

/** Section 6 of the report. */
export interface ReadingRoomResults {
  /** The CT studies: readers 1–3 open studies 1–3, the fourth reader study 4. */
  studies: DerivedSeries[];
  rooms: RoomCell[];
  newStudy: NewStudyCell[];
  /** Ours with client pacing off against the no-auth viewer (no pacer), on study 1, 0 ms, throttle off. */
  authOverhead: SeriesLoadCell[];
}

/** The quotas of the reading room, both at 40 ms added latency. */
export const readingRoomConditions: Array<NetworkCondition & { throttle: ThrottleSettings }> = [
  { addedLatencyMs: 40, throttle: healthImagingThrottle },
  { addedLatencyMs: 40, throttle: { ratePerSecond: 20, burst: 40 } },
];
export const readingRoomReaders = [1, 3];
/** The auth overhead's condition: nothing to hide a per-request cost, and no quota for a pacer to meet. */
export const pacedAlikeCondition: NetworkCondition = { addedLatencyMs: 0, throttle: false };

const quietMs = 3000;
/** Long enough for three readers to share a 20/s quota for 400 frames each (60 s at the fair share) and more. */
const roomTimeoutMs = 240_000;
/** After the three have their first images: they are prefetching when the fourth opens its study. */
const prefetchingDelayMs = 2000;

/**
 * `studies.length` readers at once, each in its own browser context (its own storage, Web Locks and
 * BroadcastChannels: separate browsers as far as the page can tell), sharing only the endpoint's quota. Each is
 * opened on its study list first (fast, unthrottled endpoint), then the condition is set, the counts cleared, and all
 * navigate to their studies together; each is followed until its series loaded or settled with failures.
 */
export async function measureRoom(
  browser: Browser,
  bench: BenchStack,
  variant: ViewerVariant,
  studies: DerivedSeries[],
  condition: NetworkCondition,
  loadAverage: () => number,
): Promise<RoomRun> {
  const { endpoint } = bench.stack;
  endpoint.setKnobs({ skipAuthorization: variant.skipAuthorization, addedLatencyMs: 0, throttle: false });
  const viewers = await openReaders(browser, variant, studies);
  try {
    endpoint.setKnobs({ addedLatencyMs: condition.addedLatencyMs, throttle: condition.throttle });
    bench.clearRequestLog();
    await Promise.all(
      viewers.map((viewer, index) => viewer.page.goto(studyUrl(variant, studies[index] as DerivedSeries))),
    );
    const probes = await Promise.all(
      viewers.map(async (viewer, index) => {
        const frames = (studies[index] as DerivedSeries).frames;
        await viewer.page
          .waitForFunction(loadSettledScript(frames, quietMs), undefined, { timeout: roomTimeoutMs, polling: 200 })
          .catch(() => undefined);
        return readProbeResult(viewer.page, frames);
      }),
    );
    const log = bench.requestLog();
    return {
      readers: probes.map((probe, index) => {
        const own = requestsOfStudy(log, (studies[index] as DerivedSeries).studyInstanceUid);
        return {
          study: bench.ctStudies.indexOf(studies[index] as DerivedSeries) + 1,
          firstImageMs: probe.firstLoadedMs,
          allFramesMs: probe.allLoadedMs,
          framesLoaded: probe.loaded,
          framesFailed: probe.failed,
          frameResponsesByStatus: statusCounts(own, 'GetDICOMInstanceFrames'),
          throttled: own.filter(entry => entry.status === 429).length,
          failures: probe.failures,
        };
      }),
      aggregate: aggregateThroughput(log),
      loadAverage: loadAverage(),
    };
  } finally {
    await Promise.all(viewers.map(viewer => viewer.close()));
    endpoint.setKnobs({ skipAuthorization: false, addedLatencyMs: 0, throttle: healthImagingThrottle });
  }
}

/**
 * The time to first image of study 4, opened alone (every other reader closed), and opened by a fourth reader
 * (its own context) `prefetchingDelayMs` after three others, on studies 1–3, had their first images.
 */
export async function measureNewStudy(
  browser: Browser,
  bench: BenchStack,
  variant: ViewerVariant,
  condition: NetworkCondition,
): Promise<NewStudyRun> {
  const { endpoint } = bench.stack;
  const [one, two, three, fourth] = bench.ctStudies as [DerivedSeries, DerivedSeries, DerivedSeries, DerivedSeries];
  endpoint.setKnobs({ skipAuthorization: variant.skipAuthorization, addedLatencyMs: 0, throttle: false });
  const [alone] = await openReaders(browser, variant, [fourth]);
  let aloneMs: number | null;
  try {
    endpoint.setKnobs({ addedLatencyMs: condition.addedLatencyMs, throttle: condition.throttle });
    await (alone as OpenViewer).page.goto(studyUrl(variant, fourth));
    aloneMs = await firstImage(alone as OpenViewer, fourth);
  } finally {
    await alone?.close();
  }
  endpoint.setKnobs({ addedLatencyMs: 0, throttle: false });
  const studies = [one, two, three, fourth];
  const viewers = await openReaders(browser, variant, studies);
  const [others, newcomer] = [viewers.slice(0, 3), viewers[3] as OpenViewer];
  try {
    endpoint.setKnobs({ addedLatencyMs: condition.addedLatencyMs, throttle: condition.throttle });
    bench.clearRequestLog();
    await Promise.all(others.map((viewer, at) => viewer.page.goto(studyUrl(variant, studies[at] as DerivedSeries))));
    await Promise.all(others.map((viewer, at) => firstImage(viewer, studies[at] as DerivedSeries)));
    await new Promise(resolve => setTimeout(resolve, prefetchingDelayMs));
    const loaded = await Promise.all(
      others.map(async viewer => (await readProbeResult(viewer.page, one.frames)).loaded),
    );
    await newcomer.page.goto(studyUrl(variant, fourth));
    const besideThreeMs = await firstImage(newcomer, fourth);
    const refused = bench.requestLog().filter(entry => entry.status === 429);
    return {
      aloneMs,
      besideThreeMs,
      othersFramesLeft: 3 * one.frames - loaded.reduce((sum, frames) => sum + frames, 0),
      throttledMeanwhile: refused.length,
      throttledToFourth: requestsOfStudy(refused, fourth.studyInstanceUid).length,
    };
  } finally {
    await Promise.all(viewers.map(viewer => viewer.close()));
    endpoint.setKnobs({ skipAuthorization: false, addedLatencyMs: 0, throttle: healthImagingThrottle });
  }
}

/** Each reader in a fresh context on the viewer's study list, one after the other (sign-in included). */
async function openReaders(browser: Browser, variant: ViewerVariant, studies: DerivedSeries[]): Promise<OpenViewer[]> {
  const viewers: OpenViewer[] = [];
  try {
    for (const series of studies) {
      viewers.push(
        await openViewer(browser, {
          baseUrl: variant.baseUrl,
          auth: variant.auth,
          seriesInstanceUid: series.seriesInstanceUid,
        }),
      );
    }
    return viewers;
  } catch (error) {
    await Promise.all(viewers.map(viewer => viewer.close()));
    throw error;
  }
}

/** ms from the page's navigation to the series' first IMAGE_LOADED, or null after a minute without. */
async function firstImage(viewer: OpenViewer, series: DerivedSeries): Promise<number | null> {
  await viewer.page
    .waitForFunction(
      `(() => { const probe = window.__benchProbe; return !!probe && Object.keys(probe.loadedAt).length > 0; })()`,
      undefined,
      {
        timeout: 60_000,
        polling: 50,
      },
    )
    .catch(() => undefined);
  return (await readProbeResult(viewer.page, series.frames)).firstLoadedMs;
}
