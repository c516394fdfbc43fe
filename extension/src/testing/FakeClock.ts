import type { Clock } from '../auth/Clock';

interface PendingTimer {
  id: number;
  dueAt: number;
  callback: () => void;
}

/**
 * A Clock for tests: time stands still until `advance` moves it. Starts at the real time, so that tokens issued by
 * a real identity provider (whose `expires_at` is computed from `Date.now()`) line up with it.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const timer = { id: this.nextId++, dueAt: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter(timer => timer.id !== handle);
  }

  /** Number of timers waiting to run. */
  get pendingCount(): number {
    return this.timers.length;
  }

  /** Milliseconds until the earliest pending timer is due, or undefined when none is pending. */
  nextDelay(): number | undefined {
    const next = this.earliest();
    return next === undefined ? undefined : next.dueAt - this.current;
  }

  /**
   * Moves time forward by `ms`, running each timer that falls due in order, and after each one lets promise
   * continuations (and already-arrived I/O callbacks) run, so that work a timer starts can schedule the next timer.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let next = this.earliest(); next !== undefined && next.dueAt <= target; next = this.earliest()) {
      this.timers = this.timers.filter(timer => timer !== next);
      this.current = next.dueAt;
      next.callback();
      await settle();
    }
    this.current = target;
    await settle();
  }

  private earliest(): PendingTimer | undefined {
    return this.timers.reduce<PendingTimer | undefined>(
      (earliest, timer) => (earliest === undefined || timer.dueAt < earliest.dueAt ? timer : earliest),
      undefined,
    );
  }
}

/** Lets queued microtasks and ready macrotasks run (a few turns, for chains of awaits). */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) {
    await new Promise<void>(resolve => setTimeout(resolve, 0));
  }
}

/** Polls `condition` on real time until it holds; for waiting on real I/O (HTTP servers) in tests. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
