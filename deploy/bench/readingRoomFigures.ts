import { isOperation, isThrottledRetrieveOperation } from 'ohif-healthimaging-contract';
import type { ThrottleSettings } from '../local/dicomweb';

/** One DICOMweb request as the bench's endpoint hook recorded it, on the bench process's clock. */
export interface TimedRequest {
  /** `performance.now()` of the bench's process when the answer was sent. */
  atMs: number;
  path: string;
  operation: string;
  status: number;
}

/**
 * The time by which a reader who shares the quota fairly with `readers - 1` others has every frame:
 * `first image + max(0, frames − burst ÷ readers) ÷ (rate ÷ readers)`. Each reader gets an n-th of the bucket and an
 * n-th of the refill; with one reader it is the issue's `first image + (frames − burst) ÷ rate`. It counts frame
 * requests only (the metadata requests, a few per study, also draw on the quota) and assumes the quota is the only
 * limit, so a reader the machine (decode, connections) holds back misses it.
 */
export function fairShareBoundMs(
  firstImageMs: number,
  frames: number,
  quota: ThrottleSettings,
  readers: number,
): number {
  if (!(readers >= 1)) throw new RangeError(`readers must be at least 1, got ${readers}`);
  const beyondBurst = Math.max(0, frames - quota.burst / readers);
  return firstImageMs + (beyondBurst / (quota.ratePerSecond / readers)) * 1000;
}

/** A study's requests: each reader opens its own study, so this is one reader's share of the endpoint's log. */
export function requestsOfStudy(log: readonly TimedRequest[], studyInstanceUid: string): TimedRequest[] {
  const marker = `/studies/${studyInstanceUid}`;
  return log.filter(entry => entry.path.includes(`${marker}/`) || entry.path.endsWith(marker));
}

/** What the reading room's readers together got from the endpoint. */
export interface AggregateThroughput {
  /** Frames answered 200. */
  framesServed: number;
  /** Frames answered 200 per second from the first to the last such answer. */
  framesPerSecond: number | null;
  /**
   * Requests of the throttled retrieve actions (frames and metadata: what the quota counts) answered 200 per second
   * from the first 429 to the last: the time in which the quota demonstrably refused requests, i.e. bound.
   * Null when there was no 429 or the span was under a second (the quota did not bind long enough to tell).
   */
  whileBinding: { spanMs: number; retrieveServed: number; perSecond: number; throttled: number } | null;
}

const minimumBindingSpanMs = 1000;

const isRetrieve = (entry: TimedRequest) =>
  isOperation(entry.operation) && isThrottledRetrieveOperation(entry.operation);

export function aggregateThroughput(log: readonly TimedRequest[]): AggregateThroughput {
  const frames = log
    .filter(entry => entry.operation === 'GetDICOMInstanceFrames' && entry.status === 200)
    .map(entry => entry.atMs);
  const span = frames.length > 1 ? Math.max(...frames) - Math.min(...frames) : 0;
  const refusals = log.filter(entry => isRetrieve(entry) && entry.status === 429).map(entry => entry.atMs);
  let whileBinding: AggregateThroughput['whileBinding'] = null;
  if (refusals.length > 0) {
    const from = Math.min(...refusals);
    const to = Math.max(...refusals);
    if (to - from >= minimumBindingSpanMs) {
      const retrieveServed = log.filter(
        entry => isRetrieve(entry) && entry.status === 200 && entry.atMs > from && entry.atMs <= to,
      ).length;
      whileBinding = {
        spanMs: to - from,
        retrieveServed,
        perSecond: retrieveServed / ((to - from) / 1000),
        throttled: refusals.length,
      };
    }
  }
  return {
    framesServed: frames.length,
    framesPerSecond: span > 0 ? (frames.length - 1) / (span / 1000) : null,
    whileBinding,
  };
}

/** Answers by status, e.g. `{ "200": 400, "429": 12 }`, of one operation's requests. */
export function statusCounts(log: readonly TimedRequest[], operation: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of log) if (entry.operation === operation) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  return counts;
}
