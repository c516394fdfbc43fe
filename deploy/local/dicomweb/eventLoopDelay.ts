import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** How late the event loop ran since the monitor started or was last reset, in milliseconds. */
export interface EventLoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** How long the measurement has run. */
  sinceMs: number;
}

/** Sampling resolution: a block of 100 ms shows as a delay of 100 ms ± 10. */
const resolutionMs = 10;

/**
 * Measures the delay of this process's event loop (`perf_hooks.monitorEventLoopDelay`): the endpoint shares its
 * process with the identity provider and the viewer, so any request that blocks the loop shows here. Served at
 * `/__local/event-loop-delay` for the hostile-input tests.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  private startedAt = performance.now();

  constructor() {
    this.histogram.enable();
  }

  snapshot(): EventLoopDelay {
    const toMs = (nanoseconds: number) => Math.round(nanoseconds / 1e5) / 10;
    const sampled = this.histogram.count > 0;
    return {
      maxMs: sampled ? toMs(this.histogram.max) : 0,
      p99Ms: sampled ? toMs(this.histogram.percentile(99)) : 0,
      meanMs: sampled ? toMs(this.histogram.mean) : 0,
      sinceMs: Math.round(performance.now() - this.startedAt),
    };
  }

  reset(): void {
    this.histogram.reset();
    this.startedAt = performance.now();
  }

  stop(): void {
    this.histogram.disable();
  }
}
