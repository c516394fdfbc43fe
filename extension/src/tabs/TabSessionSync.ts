import { sleep, type Clock } from '../auth/Clock';
import { countHeldLocks, holdLock, type TabEnvironment } from './TabEnvironment';

/**
 * A token set as tabs hand it to each other: the user in oidc-client-ts's storage form (`User.toStorageString()`)
 * and its generation, a number that grows with every new token set of the browser (sign-in or refresh).
 */
export interface SharedTokens {
  user: string;
  generation: number;
}

type SessionMessage =
  | { type: 'tokens-wanted'; minGeneration: number }
  | { type: 'tokens'; tokens: SharedTokens }
  | { type: 'signed-out'; generation: number };

/** How long a tab waits for another to hand over tokens. Named defaults. */
export interface TabSessionSyncSettings {
  /** A new tab asking the signed-in tabs for their tokens. Default 1500 ms. */
  handOverTimeoutMs: number;
}

/**
 * How long a tab granted the refresh lock waits for the previous holder's message. Messages between tabs arrive
 * within milliseconds; this is not on the session's clock, since it waits for the browser's message delivery.
 */
const lateMessageAllowanceMs = 50;

export const defaultTabSessionSyncSettings: TabSessionSyncSettings = { handOverTimeoutMs: 1500 };

/**
 * One sign-in for all tabs of the browser, tokens in memory only:
 * - a tab that holds tokens holds a Web Lock saying so, and hands them to a new tab that asks (BroadcastChannel),
 *   so the new tab starts signed in without going to the identity provider;
 * - refreshes take one browser-wide Web Lock, and every new token set gets the next *generation*, a counter kept in
 *   localStorage (a number, never a token). A tab about to redeem its refresh token checks it under the lock: when
 *   another tab has refreshed since, it takes that tab's tokens instead. A rotating refresh token is therefore never
 *   redeemed twice, which a provider with reuse detection would punish by ending the whole session;
 * - every new token set is sent to all tabs, which take it, so one token request serves every tab;
 * - a sign-out is sent to all tabs, and the generation it ended is kept in localStorage, so tokens stored by a tab
 *   that was not listening (frozen, closed) are not used after it.
 * `key` names the session (the provider and client), so two viewers of one origin with other clients stay apart.
 */
export class TabSessionSync {
  private readonly channel: BroadcastChannel;
  private readonly settings: TabSessionSyncSettings;
  private readonly generationKey: string;
  private readonly signedOutKey: string;
  private releaseSignedIn: (() => void) | undefined;
  private holdingSignedIn: Promise<void> | undefined;
  private tokensListener: (tokens: SharedTokens) => void = () => undefined;
  private signedOutListener: (generation: number) => void = () => undefined;
  private tokensProvider: () => SharedTokens | undefined = () => undefined;
  private readonly waiters = new Set<{ minGeneration: number; resolve(tokens: SharedTokens | undefined): void }>();

  constructor(
    private readonly tabs: TabEnvironment,
    private readonly sharedStorage: Storage,
    private readonly key: string,
    private readonly clock: Clock,
    settings: Partial<TabSessionSyncSettings> = {},
  ) {
    this.settings = { ...defaultTabSessionSyncSettings, ...settings };
    this.generationKey = `ohif-healthimaging.session-generation:${key}`;
    this.signedOutKey = `ohif-healthimaging.signed-out-generation:${key}`;
    this.channel = tabs.openChannel(`ohif-healthimaging.session:${key}`);
    this.channel.addEventListener('message', event => this.receive(event.data as SessionMessage));
  }

  /** The newest generation any tab of the browser has (0 before the first sign-in). */
  latestGeneration(): number {
    return this.readNumber(this.generationKey) ?? 0;
  }

  /** The generation the last sign-out ended (tokens of it or older are not to be used); -1 when none. */
  signedOutGeneration(): number {
    return this.readNumber(this.signedOutKey) ?? -1;
  }

  /**
   * Claims the next generation for a token set just received from the identity provider, above both what
   * localStorage says and `ownGeneration` (localStorage may not yet show another tab's latest write).
   */
  nextGeneration(ownGeneration: number): number {
    const next = Math.max(this.latestGeneration(), this.signedOutGeneration(), ownGeneration) + 1;
    this.writeNumber(this.generationKey, next);
    return next;
  }

  /** Sends a new token set to every other tab, and says from now on that this tab holds tokens. */
  publish(tokens: SharedTokens): void {
    this.post({ type: 'tokens', tokens });
    this.markSignedIn();
  }

  /** Ends the session in every tab: they forget their tokens and stop. */
  publishSignedOut(generation: number): void {
    this.writeNumber(this.signedOutKey, Math.max(generation, this.latestGeneration()));
    this.post({ type: 'signed-out', generation });
    this.markSignedOut();
  }

  /** This tab holds tokens (it answers new tabs that ask for them). */
  markSignedIn(): void {
    this.holdingSignedIn ??= holdLock(
      this.tabs.locks,
      `ohif-healthimaging.signed-in:${this.key}:${this.tabs.tabId}`,
    ).then(
      release => {
        this.releaseSignedIn = release;
      },
      () => undefined,
    );
  }

  /** This tab holds no tokens any more. */
  markSignedOut(): void {
    const holding = this.holdingSignedIn;
    this.holdingSignedIn = undefined;
    // The lock is let go once it has been granted; nothing waits for that. `holding` never rejects (see markSignedIn).
    void holding?.then(() => {
      this.releaseSignedIn?.();
      this.releaseSignedIn = undefined;
    });
  }

  /**
   * Tokens from another tab: resolves with the first token set of at least `minGeneration` that a tab hands over,
   * or undefined when no other tab holds tokens or none answers within the hand-over timeout.
   */
  async tokensFromOtherTab(minGeneration: number): Promise<SharedTokens | undefined> {
    const holders = await countHeldLocks(this.tabs.locks, `ohif-healthimaging.signed-in:${this.key}:`).catch(() => 0);
    const others = holders - (this.releaseSignedIn === undefined ? 0 : 1);
    if (others <= 0) return undefined;
    return new Promise(resolve => {
      const controller = new AbortController();
      const waiter = {
        minGeneration,
        resolve: (tokens: SharedTokens | undefined) => {
          this.waiters.delete(waiter);
          controller.abort();
          resolve(tokens);
        },
      };
      this.waiters.add(waiter);
      this.post({ type: 'tokens-wanted', minGeneration });
      sleep(this.clock, this.settings.handOverTimeoutMs, controller.signal).then(
        () => waiter.resolve(undefined),
        () => undefined,
      );
    });
  }

  /**
   * Runs `refresh` while no other tab of the browser refreshes. The tab that held the lock before sent its new
   * tokens before releasing it, but the browser may grant the lock before that message (or that tab's localStorage
   * write) arrives here: `refresh` starts after a short pause that lets them in.
   */
  withRefreshLock<T>(refresh: () => Promise<T>): Promise<T> {
    return this.tabs.locks.request(`ohif-healthimaging.refresh:${this.key}`, async () => {
      await new Promise(resolve => setTimeout(resolve, lateMessageAllowanceMs));
      return refresh();
    }) as Promise<T>;
  }

  /** Another tab got a new token set. */
  onTokens(listener: (tokens: SharedTokens) => void): void {
    this.tokensListener = listener;
  }

  /** Another tab signed out, ending `generation` and those before. */
  onSignedOut(listener: (generation: number) => void): void {
    this.signedOutListener = listener;
  }

  /** What this tab hands over when a new tab asks: its current tokens, or undefined. */
  provideTokens(provider: () => SharedTokens | undefined): void {
    this.tokensProvider = provider;
  }

  dispose(): void {
    this.markSignedOut();
    for (const waiter of [...this.waiters]) waiter.resolve(undefined);
    this.channel.close();
  }

  private receive(message: SessionMessage): void {
    switch (message?.type) {
      case 'tokens-wanted': {
        const tokens = this.tokensProvider();
        if (tokens !== undefined && tokens.generation >= message.minGeneration) this.post({ type: 'tokens', tokens });
        return;
      }
      case 'tokens':
        for (const waiter of [...this.waiters]) {
          if (message.tokens.generation >= waiter.minGeneration) waiter.resolve(message.tokens);
        }
        this.tokensListener(message.tokens);
        return;
      case 'signed-out':
        this.signedOutListener(message.generation);
        return;
    }
  }

  private post(message: SessionMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // A closed channel (the page is going away): nobody left to tell.
    }
  }

  private readNumber(key: string): number | undefined {
    const value = Number(this.sharedStorage.getItem(key));
    return this.sharedStorage.getItem(key) !== null && Number.isSafeInteger(value) ? value : undefined;
  }

  private writeNumber(key: string, value: number): void {
    this.sharedStorage.setItem(key, String(value));
  }
}
