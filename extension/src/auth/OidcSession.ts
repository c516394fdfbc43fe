import {
  InMemoryWebStorage,
  User as OidcUser,
  WebStorageStateStore,
  type User,
  type UserManager,
} from 'oidc-client-ts';
import { browserTabEnvironment, type TabEnvironment } from '../tabs/TabEnvironment';
import { TabSessionSync, type SharedTokens } from '../tabs/TabSessionSync';
import { systemClock, type Clock } from './Clock';
import { createUserManager } from './createUserManager';
import { describeOidcError } from './describeOidcError';
import { describeRejectedToken } from './describeRejectedToken';
import { SignInRequiredError, TokenRefreshError, TokensRejectedError } from './errors';
import type { OidcSessionSettings } from './OidcSessionSettings';
import { leaveForProviderLogout } from './providerLogout';
import { RefreshScheduler } from './RefreshScheduler';
import { RejectedTokenBackoff } from './RejectedTokenBackoff';
import { SessionEventEmitter, type OidcSessionEvents, type RejectedTokensReport } from './SessionEvents';
import { SessionStateMachine, type OidcSessionState } from './SessionStateMachine';
import { SignInLoopGuard } from './SignInLoopGuard';
import { isRefusal, MissingRefreshTokenError, withTokenRequestRetries } from './TokenRequestRetry';
import { TokenRevocationClient } from './TokenRevocationClient';

export type { OidcSessionEvents, OidcSessionState, RejectedTokensReport };
export { rejectedTokenBackoffMs } from './RejectedTokenBackoff';

/** What the session needs from its surroundings; each defaults to the real browser. Tests pass their own. */
export interface OidcSessionOptions {
  /** The only clock the token lifecycle uses. Default `systemClock`. */
  clock?: Clock;
  /**
   * The browser window: `location`, `history`, `sessionStorage`, `localStorage`, and `fetch` for the revocation
   * requests. Default `globalThis.window`.
   */
  window?: Window;
  /** Leaves the page for the identity provider. Default `window.location.assign(url)`. */
  navigate?: (url: string) => void;
  /** Random numbers in [0, 1) for the backoff jitter. Default `Math.random`. */
  random?: () => number;
  /**
   * The other tabs of the browser, to share one sign-in with (`TabSessionSync`); `null` for a tab on its own.
   * Default: the window's Web Locks and BroadcastChannel, where the browser has both.
   */
  tabs?: TabEnvironment | null;
}

/** What `signinRedirect` carries through the identity provider and gets back in `User.state`. */
interface SignInRoundTrip {
  returnTo: string;
}

const storageKeyPrefix = 'ohif-healthimaging.';
/** Beside the stored user: the generation of its tokens (see `TabSessionSync`), a number. */
const generationStorageKey = `${storageKeyPrefix}token-generation`;

/**
 * The viewer's OpenID Connect session: signs in with the authorization code flow and PKCE (full-page redirect),
 * keeps the tokens, refreshes them with the refresh token grant before they expire (never with a hidden iframe:
 * no third-party cookies needed), and signs out. The one place where the token lifecycle lives.
 */
export class OidcSession {
  private readonly clock: Clock;
  private readonly window: Window;
  private readonly navigate: (url: string) => void;
  private readonly random: () => number;
  private readonly userManager: UserManager;
  private readonly stateStore: WebStorageStateStore;
  private readonly loopGuard: SignInLoopGuard;
  private readonly events = new SessionEventEmitter();
  private readonly machine = new SessionStateMachine(this.events);
  private readonly scheduler: RefreshScheduler;
  private readonly revocation: TokenRevocationClient;
  private refreshInFlight: Promise<void> | undefined;
  /** Where the user is kept (`storage` setting), and beside it the generation of its tokens. */
  private readonly tokenStorage: Storage;
  private readonly sync: TabSessionSync | undefined;
  /** The generation of the tokens this tab holds (see `TabSessionSync`); 0 when unknown. */
  private generation = 0;
  /** When the current tokens were taken, by the session's clock. */
  private tokensTakenAt = -Infinity;
  private readonly rejectedTokenBackoff = new RejectedTokenBackoff();

  constructor(
    readonly settings: OidcSessionSettings,
    options: OidcSessionOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.window = options.window ?? globalThis.window;
    this.navigate = options.navigate ?? (url => this.window.location.assign(url));
    this.random = options.random ?? Math.random;
    // The sign-in request state (PKCE verifier, returnTo) must survive the redirect in this tab only.
    this.stateStore = new WebStorageStateStore({
      store: this.window.sessionStorage,
      prefix: `${storageKeyPrefix}oidc.`,
    });
    this.loopGuard = new SignInLoopGuard(
      this.window.sessionStorage,
      `${storageKeyPrefix}sign-in-redirect:${settings.authority}:${settings.clientId}`,
      settings.signInLoopWindowSeconds * 1000,
      this.clock,
    );
    this.tokenStorage = this.userStorage();
    this.userManager = createUserManager(
      settings,
      { tokenStorage: this.tokenStorage, stateStore: this.stateStore, keyPrefix: storageKeyPrefix },
      this.navigate,
    );
    this.scheduler = new RefreshScheduler({
      clock: this.clock,
      marginSeconds: settings.refreshMarginSeconds,
      refresh: () => this.refresh(),
      // Transient failures on every attempt: keep trying in the background while there is a session.
      retryDelayAfter: error =>
        error instanceof TokenRefreshError && this.machine.user !== undefined
          ? settings.refreshRetry.maxDelayMs
          : undefined,
    });
    this.revocation = new TokenRevocationClient({
      clientId: settings.clientId,
      endpoint: () => this.userManager.metadataService.getRevocationEndpoint(),
      // The injected window's, looked up at each call as the page's own code would.
      fetch: (input, init) => this.window.fetch(input, init),
    });
    const tabs = options.tabs === undefined ? browserTabEnvironment(this.window) : (options.tabs ?? undefined);
    this.sync = tabs === undefined ? undefined : this.joinOtherTabs(tabs);
  }

  get state(): OidcSessionState {
    return this.machine.state;
  }

  get user(): User | undefined {
    return this.machine.user;
  }

  /** Why the session stopped, while `state` is `sign-in-required`. */
  get signInRequiredError(): SignInRequiredError | undefined {
    return this.machine.signInRequiredError;
  }

  /** The current access token while it is valid by the session's clock; undefined before sign-in or after expiry. */
  getAccessToken(): string | undefined {
    const user = this.machine.user;
    if (user === undefined || !user.access_token) {
      return undefined;
    }
    return expiresAtMs(user) > this.clock.now() ? user.access_token : undefined;
  }

  /**
   * Call once at start-up, before the viewer's routes render. Completes a sign-in callback in the current URL (and
   * puts back the URL the user asked for), or loads the stored user, refreshing it if its access token expired,
   * or else redirects to the identity provider. Resolves `signed-in` or `redirecting`. Rejects with
   * `SignInRequiredError` when the callback failed or a sign-in loop was stopped, and with `TokenRefreshError`
   * when the identity provider could not be reached.
   */
  async start(): Promise<'signed-in' | 'redirecting'> {
    const callbackUrl = this.window.location.href;
    if (this.isSignInCallback(callbackUrl)) {
      await this.completeSignInCallback(callbackUrl);
      return 'signed-in';
    }
    let stored = await this.userManager.getUser();
    if (stored !== null && this.sync !== undefined && this.storedGeneration() <= this.sync.signedOutGeneration()) {
      // Signed out in another tab while this one was not listening (closed, frozen): these tokens are over.
      await this.userManager.removeUser();
      stored = null;
    }
    if (stored !== null && stored.access_token && expiresAtMs(stored) > this.clock.now()) {
      this.acceptUser(stored, this.storedGeneration());
      return 'signed-in';
    }
    // Another tab is signed in: take its tokens rather than go to the provider or redeem a refresh token it may
    // have used since.
    const shared = await this.sync?.tokensFromOtherTab(0);
    if (shared !== undefined && (await this.adoptSharedTokens(shared))) {
      return 'signed-in';
    }
    if (stored?.refresh_token) {
      this.machine.holdExpiredUser(stored);
      this.generation = this.storedGeneration();
      try {
        await this.refresh();
        return 'signed-in';
      } catch (error) {
        if (error instanceof SignInRequiredError && error.redirecting) {
          return 'redirecting';
        }
        throw error;
      }
    }
    await this.redirectToSignIn();
    return 'redirecting';
  }

  /**
   * Gets new tokens with the refresh token. Coalesced: while a refresh is in flight every caller gets the same
   * promise, so any number of callers cause one token request. Transient failures (network, timeout, 5xx) are
   * retried with backoff while the current token stays in use; a refused refresh token (`invalid_grant`) leads to
   * one redirect to the identity provider (rejecting with `SignInRequiredError`, `redirecting: true`), or, right
   * after such a redirect, to the `sign-in-required` state (`redirecting: false`).
   */
  refresh(): Promise<void> {
    this.refreshInFlight ??= this.refreshWithRetries().finally(() => {
      this.refreshInFlight = undefined;
    });
    return this.refreshInFlight;
  }

  /**
   * The server refused `rejectedToken` as expired or invalid. Resolves once there is a newer token: at once when
   * the session already holds a different valid one (another request's refresh won the race), else by `refresh()`.
   */
  async refreshAfterRejection(rejectedToken: string | undefined): Promise<void> {
    const current = this.getAccessToken();
    if (current !== undefined && current !== rejectedToken) {
      return;
    }
    const now = this.clock.now();
    if (current !== undefined && this.rejectedTokenBackoff.shouldWait(current, now)) {
      const report = {
        claims: describeRejectedToken(current),
        tokenAgeSeconds: Math.round((now - this.tokensTakenAt) / 1000),
        rejectedAt: Math.floor(now / 1000),
      };
      this.events.emit('tokens-rejected', report);
      throw new TokensRejectedError(report);
    }
    // The other rejections of a storm arrive while its refresh runs: they wait for it, not for a refresh of their own.
    if (this.refreshInFlight) return this.refreshInFlight;
    await this.rejectedTokenBackoff.refreshFor(
      now,
      () => this.refresh(),
      () => this.getAccessToken(),
    );
  }

  /** A sign-in the user asked for (a "Sign in" button): redirects even when the loop guard would not. */
  async signIn(): Promise<void> {
    await this.redirectToSignIn();
  }

  /**
   * Revokes the refresh token (and the access token where the provider supports it) when `revokeOnSignOut`, forgets
   * the user, then leaves for the provider's logout: `end_session_endpoint`, or Cognito's `/logout`. A failed
   * revocation does not stop the sign-out.
   */
  async signOut(): Promise<void> {
    this.scheduler.cancel();
    // Every tab stops at once, before the revocation's round trip.
    this.sync?.publishSignedOut(this.generation);
    const user = this.machine.user;
    if (user !== undefined && this.settings.revokeOnSignOut) {
      await this.revocation.revoke(user);
    }
    await this.userManager.removeUser();
    this.machine.leavingForLogout();
    await leaveForProviderLogout(this.settings, this.userManager, this.navigate, user?.id_token);
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof OidcSessionEvents>(event: E, listener: OidcSessionEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  /** Stops the background refresh and oidc-client-ts's own expiry timers (tests, or tearing the viewer down). */
  async dispose(): Promise<void> {
    this.scheduler.cancel();
    this.sync?.dispose();
    await this.userManager.events.unload();
  }

  private userStorage(): Storage {
    switch (this.settings.storage) {
      case 'local':
        return this.window.localStorage;
      case 'memory':
        return new InMemoryWebStorage();
      case 'session':
        return this.window.sessionStorage;
    }
  }

  private isSignInCallback(href: string): boolean {
    const url = new URL(href);
    const redirect = new URL(this.settings.redirectUri);
    return (
      url.origin === redirect.origin &&
      url.pathname === redirect.pathname &&
      url.searchParams.has('state') &&
      (url.searchParams.has('code') || url.searchParams.has('error'))
    );
  }

  private async completeSignInCallback(callbackUrl: string): Promise<void> {
    const stateId = new URL(callbackUrl).searchParams.get('state') ?? '';
    const viewerHome = `${this.window.location.origin}/`;
    if ((await this.stateStore.get(stateId)) === null) {
      // Not a sign-in this tab started (an old bookmark, another tab): never complete it, never redirect from it.
      this.replaceUrl(viewerHome);
      throw this.machine.stop(
        new SignInRequiredError(
          'the sign-in response in the URL does not belong to a sign-in started in this tab',
          false,
        ),
      );
    }
    let user: User;
    try {
      user = await this.userManager.signinRedirectCallback(callbackUrl);
    } catch (error) {
      this.replaceUrl(viewerHome);
      throw this.machine.stop(
        new SignInRequiredError(`signing in failed: ${describeOidcError(error)}`, false, { cause: error }),
      );
    }
    const returnTo = (user.state as SignInRoundTrip | undefined)?.returnTo;
    this.replaceUrl(
      returnTo !== undefined && new URL(returnTo).origin === this.window.location.origin ? returnTo : viewerHome,
    );
    this.acceptNewTokens(user);
  }

  private replaceUrl(url: string): void {
    this.window.history.replaceState(this.window.history.state, '', url);
  }

  private async refreshWithRetries(): Promise<void> {
    const stopped = this.machine.signInRequiredError;
    if (stopped !== undefined) {
      throw stopped;
    }
    await withTokenRequestRetries(() => this.refreshOnce(), {
      backoff: this.settings.refreshRetry,
      clock: this.clock,
      random: this.random,
      onRefusal: refusal => this.afterRefusedRefresh(refusal),
    });
  }

  private async refreshOnce(): Promise<void> {
    const sync = this.sync;
    if (sync === undefined) {
      await this.redeemRefreshToken();
      return;
    }
    const generationToReplace = this.generation;
    await sync.withRefreshLock(async () => {
      if (this.signedOutInAnotherTab()) {
        throw this.machine.stop(new SignInRequiredError('you signed out in another tab', false));
      }
      if (this.machine.user !== undefined && this.generation > generationToReplace) {
        return; // newer tokens from another tab reached us while we waited for the lock
      }
      // localStorage reaches other tabs' processes a little later than the lock does: the number may be stale,
      // so a refusal below is checked against the other tabs too.
      const latest = sync.latestGeneration();
      if (latest > generationToReplace) {
        // Another tab refreshed since we asked: its refresh token replaced ours, which must not be redeemed again.
        const shared = await sync.tokensFromOtherTab(latest);
        if (shared !== undefined && (await this.adoptSharedTokens(shared))) {
          return;
        }
      }
      try {
        await this.redeemRefreshToken();
      } catch (error) {
        // Refused: perhaps because another tab redeemed it a moment ago and its word has not arrived yet.
        const shared = isRefusal(error) ? await sync.tokensFromOtherTab(this.generation + 1) : undefined;
        if (shared === undefined || !(await this.adoptSharedTokens(shared))) {
          throw error;
        }
      }
    });
  }

  private async redeemRefreshToken(): Promise<void> {
    if (!this.machine.user?.refresh_token) {
      throw new MissingRefreshTokenError();
    }
    // signinSilent uses the refresh token grant when the stored user has a refresh token (checked above). Its
    // iframe fallback is unreachable: the iframe navigator given to UserManager refuses to open one.
    const user = await this.userManager.signinSilent({ resource: this.settings.resource });
    if (user === null) {
      throw new MissingRefreshTokenError();
    }
    this.loopGuard.clear();
    this.acceptNewTokens(user);
  }

  /** The provider refused the refresh token: forget it, then redirect once, or stop if that would loop. Throws. */
  private async afterRefusedRefresh(cause: unknown): Promise<never> {
    this.scheduler.cancel();
    await this.userManager.removeUser();
    this.machine.forgetUser();
    this.sync?.markSignedOut();
    if (this.signedOutInAnotherTab()) {
      // Refused because another tab's sign-out revoked it: that tab's user asked to leave, not to sign in again.
      throw this.machine.stop(new SignInRequiredError('you signed out in another tab', false, { cause }));
    }
    if (this.loopGuard.redirectedRecently()) {
      throw this.machine.stop(
        new SignInRequiredError(
          `the identity provider refused the session again right after signing in (${describeOidcError(cause)}); not redirecting again`,
          false,
          { cause },
        ),
      );
    }
    await this.redirectToSignIn();
    throw new SignInRequiredError('the session expired; redirecting to the identity provider', true, { cause });
  }

  private async redirectToSignIn(): Promise<void> {
    this.scheduler.cancel();
    this.loopGuard.recordRedirect();
    this.machine.redirectingToSignIn();
    const roundTrip: SignInRoundTrip = { returnTo: this.window.location.href };
    await this.userManager.signinRedirect({ state: roundTrip });
  }

  private acceptUser(user: User, generation: number): void {
    this.generation = generation;
    this.tokensTakenAt = this.clock.now();
    this.tokenStorage.setItem(generationStorageKey, String(generation));
    this.machine.signedIn(user);
    this.scheduler.schedule(expiresAtMs(user));
    this.sync?.markSignedIn();
  }

  /** Tokens just received from the identity provider: the browser's next generation, handed to every other tab. */
  private acceptNewTokens(user: User): void {
    const generation = this.sync?.nextGeneration(this.generation) ?? this.generation + 1;
    this.acceptUser(user, generation);
    this.sync?.publish({ user: user.toStorageString(), generation });
  }

  /**
   * Takes tokens another tab got, when they are newer than this tab's and no sign-out ended them; stores them where
   * this tab keeps its user (so a refresh here redeems the newest refresh token). False when they were not taken.
   */
  private async adoptSharedTokens(shared: SharedTokens): Promise<boolean> {
    const sync = this.sync;
    if (sync === undefined || this.machine.state === 'redirecting') return false;
    if (
      shared.generation <= sync.signedOutGeneration() ||
      (this.machine.user !== undefined && shared.generation <= this.generation)
    )
      return false;
    let user: User;
    try {
      user = OidcUser.fromStorageString(shared.user);
    } catch {
      return false;
    }
    await this.userManager.storeUser(user);
    this.loopGuard.clear();
    this.acceptUser(user, shared.generation);
    return true;
  }

  /** Listens to the other tabs: their new tokens are taken, their sign-out ends this tab's session too. */
  private joinOtherTabs(tabs: TabEnvironment): TabSessionSync {
    const sync = new TabSessionSync(
      tabs,
      this.window.localStorage,
      `${this.settings.authority}|${this.settings.clientId}`,
      this.clock,
    );
    sync.onTokens(shared => {
      this.adoptSharedTokens(shared).catch(error =>
        console.warn(`OIDC session: tokens from another tab were not taken (${describeOidcError(error)})`),
      );
    });
    sync.onSignedOut(generation => {
      if (this.machine.user !== undefined && this.generation > generation) return;
      this.signedOutElsewhere().catch(error =>
        console.warn(`OIDC session: ending the session failed (${describeOidcError(error)})`),
      );
    });
    sync.provideTokens(() => {
      const user = this.machine.user;
      return user !== undefined && this.getAccessToken() !== undefined
        ? { user: user.toStorageString(), generation: this.generation }
        : undefined;
    });
    return sync;
  }

  /** A sign-out in another tab ended the tokens this tab holds. */
  private signedOutInAnotherTab(): boolean {
    return this.sync !== undefined && this.sync.signedOutGeneration() >= this.generation;
  }

  private async signedOutElsewhere(): Promise<void> {
    this.scheduler.cancel();
    await this.userManager.removeUser();
    this.machine.forgetUser();
    this.sync?.markSignedOut();
    this.machine.stop(new SignInRequiredError('you signed out in another tab', false));
  }

  private storedGeneration(): number {
    const value = Number(this.tokenStorage.getItem(generationStorageKey));
    return Number.isSafeInteger(value) ? value : 0;
  }
}

function expiresAtMs(user: User): number {
  return user.expires_at === undefined ? Infinity : user.expires_at * 1000;
}
