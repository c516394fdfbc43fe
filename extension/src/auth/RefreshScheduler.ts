import type { Clock } from './Clock';

export interface RefreshSchedulerOptions {
  clock: Clock;
  /** Refresh this long before expiry (`refreshMarginSeconds`), clamped to half the remaining lifetime. */
  marginSeconds: number;
  /** Gets new tokens (`OidcSession.refresh`). */
  refresh: () => Promise<void>;
  /**
   * After a scheduled refresh failed: how long until the next try, or undefined to stop trying (the failure was
   * not transient, or there is no session left to keep).
   */
  retryDelayAfter: (error: unknown) => number | undefined;
}

/**
 * Runs the background refresh on the session's Clock: `refreshMarginSeconds` before the access token expires, but
 * no earlier than half-way through the token's remaining lifetime as the session received it (so short tokens are
 * not refreshed continuously). A refresh that fails is tried again after `retryDelayAfter` says.
 */
export class RefreshScheduler {
  private timer: unknown;

  constructor(private readonly options: RefreshSchedulerOptions) {}

  /** Plans the refresh of tokens expiring at `expiresAtMs` (epoch ms; Infinity: never), replacing any planned one. */
  schedule(expiresAtMs: number): void {
    this.cancel();
    if (expiresAtMs === Infinity) {
      return;
    }
    const { clock } = this.options;
    const lifetimeMs = Math.max(0, expiresAtMs - clock.now());
    const marginMs = Math.min(this.options.marginSeconds * 1000, lifetimeMs / 2);
    this.start(expiresAtMs - marginMs - clock.now());
  }

  cancel(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private start(delayMs: number): void {
    this.timer = this.options.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.options.refresh().catch(error => {
          const retryDelayMs = this.options.retryDelayAfter(error);
          if (retryDelayMs !== undefined) {
            this.start(retryDelayMs);
          }
        });
      },
      Math.max(0, delayMs),
    );
  }
}
