import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** How late the event loop ran since the monitor started or was last reset, in milliseconds. */
export interface EventLoopDelay {
  /** `monitorEventLoopDelay`'s figures: lateness from any cause, the machine's other processes included. */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /**
   * The longest lateness this process caused itself: per 10 ms tick, the lesser of how late the tick ran and how much
   * CPU the process used meanwhile. A loop held by the process's own work scores its full length; a loop that
   * waited because other processes had the CPU scores little. What the hostile-input tests hold under 100 ms.
   */
  maxBusyMs: number;
  /** How long the measurement has run. */
  sinceMs: number;
}

/** Sampling resolution: a block of 100 ms shows as a delay of 100 ms ± 10. */
const resolutionMs = 10;

/**
 * Measures the delay of this process's event loop (`perf_hooks.monitorEventLoopDelay`, and a tick that weighs it
 * against the CPU the process used): the endpoint shares its process with the identity provider and the viewer, so
 * any request that blocks the loop shows here. Served at `/__local/event-loop-delay` for the hostile-input tests.
 */
export class EventLoopDelayMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  private readonly ticker: NodeJS.Timeout;
  private startedAt = performance.now();
  private lastTickAt = performance.now();
  private lastCpu = process.cpuUsage();
  private maxBusyMs = 0;

  constructor() {
    this.histogram.enable();
    this.ticker = setInterval(() => this.tick(), resolutionMs).unref();
  }

  snapshot(): EventLoopDelay {
    const toMs = (nanoseconds: number) => Math.round(nanoseconds / 1e5) / 10;
    const sampled = this.histogram.count > 0;
    return {
      maxMs: sampled ? toMs(this.histogram.max) : 0,
      p99Ms: sampled ? toMs(this.histogram.percentile(99)) : 0,
      meanMs: sampled ? toMs(this.histogram.mean) : 0,
      maxBusyMs: Math.round(this.maxBusyMs * 10) / 10,
      sinceMs: Math.round(performance.now() - this.startedAt),
    };
  }

  reset(): void {
    this.histogram.reset();
    this.maxBusyMs = 0;
    this.startedAt = performance.now();
  }

  stop(): void {
    this.histogram.disable();
    clearInterval(this.ticker);
  }

  private tick(): void {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const lateMs = now - this.lastTickAt - resolutionMs;
    const cpuMs = (cpu.user - this.lastCpu.user + cpu.system - this.lastCpu.system) / 1000;
    this.maxBusyMs = Math.max(this.maxBusyMs, Math.min(lateMs, cpuMs));
    this.lastTickAt = now;
    this.lastCpu = cpu;
  }
}
