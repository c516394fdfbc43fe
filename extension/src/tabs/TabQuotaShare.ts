import type { Clock } from '../auth/Clock';
import type { QuotaShareLike } from '../http/createRetrievePacing';
import { countHeldLocks, holdLock, type TabEnvironment } from './TabEnvironment';

/** When a tab stops counting as loading, and how often a loading tab counts the others. Named defaults. */
export interface TabQuotaShareSettings {
  /** A tab that has not asked for a retrieve request for this long gives its share back. Default 2000 ms. */
  idleAfterMs: number;
  /** A loading tab counts the loading tabs this often (besides whenever one starts or stops). Default 1000 ms. */
  recountEveryMs: number;
}

export const defaultTabQuotaShareSettings: TabQuotaShareSettings = { idleAfterMs: 2000, recountEveryMs: 1000 };

const lockPrefix = 'ohif-healthimaging.retrieve-quota.loading:';
const channelName = 'ohif-healthimaging.retrieve-quota';

type QuotaMessage = { type: 'loading-changed' } | { type: 'throttled'; retryAfterMs?: number };

/**
 * One retrieve quota for all tabs of the browser: each tab that is loading holds a Web Lock of its own, every tab
 * counts the locks held, and paces at 1/n of the rate while n tabs load (a tab alone gets the whole rate). The
 * browser releases a closed or crashed tab's lock, so its share comes back by itself. A 429 seen by one tab is
 * told to the others (BroadcastChannel), so they all slow down at once, as one client of the service.
 */
export class TabQuotaShare implements QuotaShareLike {
  private readonly channel: BroadcastChannel;
  private readonly settings: TabQuotaShareSettings;
  private loadingTabs = 1;
  private lastBusyAt = -Infinity;
  private release: (() => void) | undefined;
  private acquiring = false;
  private timer: unknown;
  private throttledListener: (retryAfterMs: number | undefined) => void = () => undefined;

  constructor(
    private readonly tabs: TabEnvironment,
    private readonly clock: Clock,
    settings: Partial<TabQuotaShareSettings> = {},
  ) {
    this.settings = { ...defaultTabQuotaShareSettings, ...settings };
    this.channel = tabs.openChannel(channelName);
    this.channel.addEventListener('message', event => this.receive(event.data as QuotaMessage));
  }

  fraction(): number {
    return 1 / Math.max(1, this.loadingTabs);
  }

  markBusy(): void {
    this.lastBusyAt = this.clock.now();
    if (this.release !== undefined || this.acquiring) return;
    this.acquiring = true;
    // Counted at once, before the lock is granted: a tab that starts loading must not take the whole rate meanwhile.
    this.loadingTabs = Math.max(this.loadingTabs, 1);
    void holdLock(this.tabs.locks, `${lockPrefix}${this.tabs.tabId}`).then(
      release => {
        this.acquiring = false;
        this.release = release;
        this.announce({ type: 'loading-changed' });
        void this.recount();
        this.scheduleCheck();
      },
      () => {
        this.acquiring = false;
      },
    );
  }

  announceThrottled(retryAfterMs: number | undefined): void {
    this.announce(retryAfterMs === undefined ? { type: 'throttled' } : { type: 'throttled', retryAfterMs });
  }

  /** Calls `listener` when another tab was throttled. */
  onThrottledElsewhere(listener: (retryAfterMs: number | undefined) => void): void {
    this.throttledListener = listener;
  }

  /** The number of tabs loading, as last counted (this one included while it loads). */
  get loadingTabCount(): number {
    return this.loadingTabs;
  }

  /** Gives the share back and stops listening (the page is going away, or tests). */
  dispose(): void {
    this.stopLoading();
    this.channel.close();
  }

  private receive(message: QuotaMessage): void {
    if (message?.type === 'loading-changed') void this.recount();
    if (message?.type === 'throttled') this.throttledListener(message.retryAfterMs);
  }

  /**
   * Counts the loading tabs again. Callers do not wait for it (`void`): the count is read at the next pacing
   * decision, and a late one is as good as the last. It never rejects.
   */
  private async recount(): Promise<void> {
    try {
      const held = await countHeldLocks(this.tabs.locks, lockPrefix);
      this.loadingTabs = Math.max(held, this.release !== undefined || this.acquiring ? 1 : 0);
    } catch {
      // Web Locks refused (a page being torn down): keep the last count.
    }
  }

  private scheduleCheck(): void {
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.clock.now() - this.lastBusyAt >= this.settings.idleAfterMs) {
        this.stopLoading();
        return;
      }
      void this.recount();
      this.scheduleCheck();
    }, this.settings.recountEveryMs);
  }

  private stopLoading(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.release === undefined) return;
    this.release();
    this.release = undefined;
    this.announce({ type: 'loading-changed' });
  }

  private announce(message: QuotaMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // A closed channel (the page is going away): nobody left to tell.
    }
  }
}
