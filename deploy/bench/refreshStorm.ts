import type { Browser } from 'playwright-core';
import type { BenchStack } from './benchStack';
import { openViewer } from './browser/openViewer';
import { healthImagingThrottle } from './seriesLoad';
import { imageBurstScript, loadSettledScript, type BurstResult } from './browser/pageScripts';
import { readProbeResult } from './browser/readProbeResult';

/** One storm: `requests` image loads in flight together, all answered 403 "Invalid or Expired Token". */
export interface RefreshStormRun {
  requests: number;
  /** Token endpoint requests during the storm (all grant types), at the provider. */
  tokenRequests: number;
  /** Images whose load failed (the viewer would show an error for them). */
  failedImages: number;
  /** From the first request until the last image had loaded (or failed). */
  recoveryMs: number;
  /** Frame answers at the endpoint: 100 × 403 and 100 × 200 when each image was retried once. */
  frameResponsesByStatus: Record<string, number>;
  failures: string[];
}

export const stormCondition = { addedLatencyMs: 40, throttle: false } as const;
const stormSize = 100;

/**
 * `runs` times, each on a freshly loaded viewer page (signed in, the series loaded): the tokens in use "expire" at once
 * by the endpoint's clock (knob `expireTokensIssuedBefore`: every request carrying a token issued before now answers
 * 403 "Invalid or Expired Token", and the refreshed token passes), and 100 images of the series are loaded again, all
 * at once. Counted: token requests at the provider, failed images, and the time until all 100 are back. 40 ms latency
 * keeps the requests in flight long enough to overlap; the throttle is off so that only the token matters (100 images
 * and their retries would otherwise also meet the throttle).
 */
export async function measureRefreshStorms(
  browser: Browser,
  bench: BenchStack,
  runs: number,
): Promise<RefreshStormRun[]> {
  const { endpoint, provider } = bench.stack;
  const { frames, seriesInstanceUid, studyInstanceUid } = bench.series;
  endpoint.setKnobs({ addedLatencyMs: 0, throttle: false });
  const viewer = await openViewer(browser, {
    baseUrl: bench.viewers.ours,
    auth: { kind: 'sign-in', ...bench.reader },
    seriesInstanceUid,
  });
  const results: RefreshStormRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      // A page of its own per run: a second storm within 30 s of the first on one page would rightly meet the
      // session's rejected-token backoff (a token that a rejection-caused refresh just got, rejected again).
      endpoint.setKnobs({ expireTokensIssuedBefore: null });
      await viewer.page.goto(`${bench.viewers.ours}/healthimaging?StudyInstanceUIDs=${studyInstanceUid}`);
      await viewer.page.waitForFunction(loadSettledScript(frames, 3000), undefined, { timeout: 120_000, polling: 100 });
      const probe = await readProbeResult(viewer.page, frames);
      const imageIds = probe.imageIds.slice(-stormSize);
      endpoint.setKnobs(stormCondition);
      // The token in use must be from an earlier second than the cut-off, the refreshed one from this second on.
      await new Promise(resolve => setTimeout(resolve, 1100));
      endpoint.setKnobs({ expireTokensIssuedBefore: Math.floor(Date.now() / 1000) });
      endpoint.resetStats();
      const tokenRequestsBefore = countTokenRequests(provider.stats().tokenRequests);
      const burst = (await viewer.page.evaluate(imageBurstScript(imageIds))) as BurstResult;
      const tokenRequests = countTokenRequests(provider.stats().tokenRequests) - tokenRequestsBefore;
      results.push({
        requests: imageIds.length,
        tokenRequests,
        failedImages: burst.failed,
        recoveryMs: burst.settledMs,
        frameResponsesByStatus: endpoint.stats().byOperation.GetDICOMInstanceFrames?.byStatus ?? {},
        failures: burst.failures,
      });
    }
  } finally {
    endpoint.setKnobs({ expireTokensIssuedBefore: null, addedLatencyMs: 0, throttle: healthImagingThrottle });
    await viewer.close();
  }
  return results;
}

function countTokenRequests(byGrantType: Record<string, number>): number {
  return Object.values(byGrantType).reduce((sum, count) => sum + count, 0);
}
