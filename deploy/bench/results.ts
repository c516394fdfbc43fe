import type { AuthorizerBenchRun } from './authorizerBench';
import type { DerivedSeries } from './derivedSeries';
import type { Footprint } from './footprint';
import type { MachineInfo } from './machine';
import type { ReadingRoomResults } from './readingRoom';
import type { RefreshStormRun } from './refreshStorm';
import { healthImagingThrottle, type NetworkCondition, type SeriesLoadRun, type VariantName } from './seriesLoad';

/** Every run of one viewer under one network condition. */
export interface SeriesLoadCell {
  condition: NetworkCondition;
  variant: VariantName;
  runs: SeriesLoadRun[];
}

/** What `npm run bench` writes to latest.json: every run's figures, from which the tables are made. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  runs: number;
  /** The diagnostic viewer's prefetch limit. */
  tunedPrefetch: number;
  machine: MachineInfo;
  series?: DerivedSeries;
  seriesLoad: SeriesLoadCell[];
  refreshStorm: RefreshStormRun[];
  readingRoom?: ReadingRoomResults;
  authorizer: AuthorizerBenchRun[];
  footprint?: Footprint;
}

/** A throttle low enough to bind here: 20 requests/s, burst 40. */
export const bindingThrottle = { ratePerSecond: 20, burst: 40 };

/** The network conditions of the series load, and which viewers run under each. */
export const seriesLoadPlan: Array<{ condition: NetworkCondition; variants: VariantName[] }> = [
  { condition: { addedLatencyMs: 0, throttle: healthImagingThrottle }, variants: ['ours', 'stock'] },
  // Auth overhead where nothing hides it: no added latency, no throttle.
  { condition: { addedLatencyMs: 0, throttle: false }, variants: ['ours', 'stock', 'withoutAuth', 'preflightsOnly'] },
  // The target's condition, with the diagnostic viewer beside.
  { condition: { addedLatencyMs: 40, throttle: healthImagingThrottle }, variants: ['ours', 'stock', 'oursTuned'] },
  { condition: { addedLatencyMs: 40, throttle: false }, variants: ['ours', 'stock'] },
  // A quota the viewers outrun on a small machine over HTTP/1.1 (they stay below 50/s): what happens when it binds.
  { condition: { addedLatencyMs: 40, throttle: bindingThrottle }, variants: ['ours', 'stock', 'oursTuned'] },
];
