import type { Browser } from 'playwright-core';
import type { ThrottleSettings } from '../local/dicomweb';
import type { BenchStack } from './benchStack';
import type { DerivedSeries } from './derivedSeries';
import { openViewer, type ViewerAuth } from './browser/openViewer';
import { loadSettledScript } from './browser/pageScripts';
import { readProbeResult } from './browser/readProbeResult';

/** The network the endpoint plays: added latency per request, and the retrieve throttle or none. */
export interface NetworkCondition {
  addedLatencyMs: number;
  throttle: ThrottleSettings | false;
}

/** HealthImaging's default retrieve quota. */
export const healthImagingThrottle: ThrottleSettings = { ratePerSecond: 50, burst: 100 };

/**
 * `ours`: our extension and mode. `stock`: OHIF's DICOMweb data source and basic mode, stock request limits.
 * `withoutAuth`: our mode and data source configuration, no extension, the endpoint's authorization off.
 * `preflightsOnly`: as `withoutAuth`, but the browser adds an `Authorization` header to every request, so each frame
 * costs a CORS preflight as with auth (diagnostic: it splits the auth overhead into preflights and the rest).
 * `oursTuned`: ours with another prefetch limit (diagnostic). `oursUnpaced`: ours with client pacing off
 * (`retrieveRateLimit: false`), against `withoutAuth` (which has no pacer) for an auth overhead the pacer does not
 * confound.
 */
export type VariantName = 'ours' | 'stock' | 'withoutAuth' | 'preflightsOnly' | 'oursTuned' | 'oursUnpaced';

/** One of the viewers under test. */
export interface ViewerVariant {
  name: VariantName;
  baseUrl: string;
  /** Route of the study: our mode's, or OHIF's basic mode (the mode ours is built on) for stock. */
  route: string;
  auth: ViewerAuth;
  /** The endpoint's `skipAuthorization` knob for this variant. */
  skipAuthorization: boolean;
}

/** One measured load of the series. */
export interface SeriesLoadRun {
  /** ms from the study page's navigation to cornerstone's first IMAGE_LOADED of a frame of the series. */
  firstImageMs: number | null;
  /** ms from the navigation until every frame of the series had loaded; null when some never did. */
  allFramesMs: number | null;
  framesLoaded: number;
  framesFailed: number;
  /** OHIF's own console timings (studyToFirstImage, displaySetsToFirstImage, ...). */
  ohifTimings: Record<string, number>;
  /** What the endpoint saw during the load. */
  frameRequests: number;
  frameResponsesByStatus: Record<string, number>;
  requests: number;
  preflights: number;
  /** Most frame requests issued and unanswered at once, and the median frame request time (Resource Timing). */
  peakFramesInFlight: number;
  medianFrameRequestMs: number | null;
  failures: string[];
}

/** A frame that failed and stays failed: nothing happened this long, so nothing more will. */
const quietMs = 3000;
const loadTimeoutMs = 120_000;

/** The viewers; stock (and `preflightsOnly`) get `accessToken` as a header on every request. */
export function viewerVariants(bench: BenchStack, accessToken: string): Record<VariantName, ViewerVariant> {
  const reader: ViewerAuth = { kind: 'sign-in', ...bench.reader };
  return {
    ours: {
      name: 'ours',
      baseUrl: bench.viewers.ours,
      route: '/healthimaging',
      auth: reader,
      skipAuthorization: false,
    },
    stock: {
      name: 'stock',
      baseUrl: bench.viewers.stock,
      route: '/basic',
      auth: { kind: 'header', accessToken },
      skipAuthorization: false,
    },
    withoutAuth: {
      name: 'withoutAuth',
      baseUrl: bench.viewers.withoutAuth,
      route: '/healthimaging',
      auth: { kind: 'none' },
      skipAuthorization: true,
    },
    preflightsOnly: {
      name: 'preflightsOnly',
      baseUrl: bench.viewers.withoutAuth,
      route: '/healthimaging',
      auth: { kind: 'header', accessToken },
      skipAuthorization: true,
    },
    oursTuned: {
      name: 'oursTuned',
      baseUrl: bench.viewers.oursTuned,
      route: '/healthimaging',
      auth: reader,
      skipAuthorization: false,
    },
    oursUnpaced: {
      name: 'oursUnpaced',
      baseUrl: bench.viewers.oursUnpaced,
      route: '/healthimaging',
      auth: reader,
      skipAuthorization: false,
    },
  };
}

/**
 * Opens the variant's viewer in a fresh context (warmed on its study list), sets the network condition (which
 * refills the throttle's bucket) and resets the endpoint's counts, then navigates to the study and waits until every
 * frame of `series` (by default the derived MR series) loaded, or settled with failures, or the time limit passed.
 */
export async function measureSeriesLoad(
  browser: Browser,
  bench: BenchStack,
  variant: ViewerVariant,
  condition: NetworkCondition,
  series: DerivedSeries = bench.series,
): Promise<SeriesLoadRun> {
  const { endpoint } = bench.stack;
  // The warm-up on the study list runs on a fast, unthrottled endpoint; only the measured navigation has the condition.
  endpoint.setKnobs({ skipAuthorization: variant.skipAuthorization, addedLatencyMs: 0, throttle: false });
  const viewer = await openViewer(browser, {
    baseUrl: variant.baseUrl,
    auth: variant.auth,
    seriesInstanceUid: series.seriesInstanceUid,
  });
  try {
    endpoint.setKnobs({ addedLatencyMs: condition.addedLatencyMs, throttle: condition.throttle });
    endpoint.resetStats();
    viewer.ohifTimings.clear();
    await viewer.page.goto(studyUrl(variant, series));
    const frames = series.frames;
    await viewer.page
      .waitForFunction(loadSettledScript(frames, quietMs), undefined, { timeout: loadTimeoutMs, polling: 100 })
      .catch(() => undefined); // Reported as an incomplete load.
    const probe = await readProbeResult(viewer.page, frames);
    const stats = endpoint.stats();
    const frameStats = stats.byOperation.GetDICOMInstanceFrames;
    return {
      firstImageMs: probe.firstLoadedMs,
      allFramesMs: probe.allLoadedMs,
      framesLoaded: probe.loaded,
      framesFailed: probe.failed,
      ohifTimings: Object.fromEntries(viewer.ohifTimings),
      frameRequests: frameStats?.requests ?? 0,
      frameResponsesByStatus: frameStats?.byStatus ?? {},
      requests: stats.requests,
      preflights: stats.preflights,
      peakFramesInFlight: probe.peakFramesInFlight,
      medianFrameRequestMs: probe.medianFrameRequestMs,
      failures: probe.failures,
    };
  } finally {
    await viewer.close();
    endpoint.setKnobs({ skipAuthorization: false, addedLatencyMs: 0, throttle: healthImagingThrottle });
  }
}

/** The viewer's route for the series' study. */
export function studyUrl(variant: ViewerVariant, series: DerivedSeries): string {
  return `${variant.baseUrl}${variant.route}?StudyInstanceUIDs=${series.studyInstanceUid}`;
}
