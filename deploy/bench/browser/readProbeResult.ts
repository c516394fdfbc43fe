import { dicomWebUrlOperation } from 'ohif-healthimaging-contract';
import type { Page } from 'playwright-core';
import { probeRecordScript, type ProbeRecord, type ProbeResult } from './pageScripts';

/** Reads the load probe of `page` (see `loadProbeScript`) for a series of `frames` frames. */
export async function readProbeResult(page: Page, frames: number): Promise<ProbeResult> {
  return probeResultOf((await page.evaluate(probeRecordScript(frames))) as ProbeRecord);
}

/** The probe's figures, the frame requests told from the series' other requests by the DICOMweb route table. */
export function probeResultOf({ requests, ...record }: ProbeRecord): ProbeResult {
  const frameRequests = requests.filter(({ url }) => dicomWebUrlOperation(url) === 'GetDICOMInstanceFrames');
  const edges = frameRequests
    .flatMap(({ startTime, responseEnd }): Array<[number, number]> => [
      [startTime, 1],
      [responseEnd, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let inFlight = 0;
  let peak = 0;
  for (const [, change] of edges) peak = Math.max(peak, (inFlight += change));
  const durations = frameRequests.map(({ startTime, responseEnd }) => responseEnd - startTime).sort((a, b) => a - b);
  return {
    ...record,
    peakFramesInFlight: peak,
    medianFrameRequestMs: durations.length > 0 ? (durations[Math.floor((durations.length - 1) / 2)] as number) : null,
  };
}
