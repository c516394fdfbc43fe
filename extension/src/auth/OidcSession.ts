import {
  ErrorResponse,
  InMemoryWebStorage,
  User as OidcUser,
  UserManager,
  WebStorageStateStore,
  type INavigator,
  type IWindow,
  type User,
  type UserManagerSettings,
} from 'oidc-client-ts';
import { fullJitterDelayMs } from 'ohif-healthimaging-retry';
import { browserTabEnvironment, type TabEnvironment } from '../tabs/TabEnvironment';
import { TabSessionSync, type SharedTokens } from '../tabs/TabSessionSync';
import { sleep, systemClock, type Clock } from './Clock';
import { SignInRequiredError, TokenRefreshError, TokensRejectedError } from './errors';
import type { OidcSessionSettings } from './OidcSessionSettings';
import { describeRejectedToken, type RejectedTokenClaims } from './describeRejectedToken';
import { SignInLoopGuard } from './SignInLoopGuard';

/**
 * - `signed-out`: not started, or signed out.
 * - `signed-in`: there is a user with an access token (refreshed in the background before it expires).
 * - `redirecting`: the page is navigating to the identity provider.
 * - `sign-in-required`: the session stopped; only the user can continue (`signIn()`), see `SignInRequiredError`.
 */
export type OidcSessionState = 'signed-out' | 'signed-in' | 'redirecting' | 'sign-in-required';

export interface OidcSessionEvents {
  /** The signed-in user changed: signed in, tokens refreshed (new object), or signed out (undefined). */
  'user-changed': (user: User | undefined) => void;
  'state-changed': (state: OidcSessionState) => void;
  /** The session stopped and waits for the user: show a "Sign in" action that calls `signIn()`. */
  'sign-in-required': (error: SignInRequiredError) => void;
  /**
   * The service keeps rejecting tokens just obtained from the provider: no refresh can help (see
   * `refreshAfterRejection`). Show what was rejected and the likely causes.
   */
  'tokens-rejected': (report: RejectedTokensReport) => void;
}

/** Tokens the service rejected although they were seconds old: the authorizer and the provider disagree. */
export interface RejectedTokensReport {
  /** What the last rejected token said about itself (never the token). */
  claims: RejectedTokenClaims;
  /** How old that token was, by the session's clock, when it was rejected. */
  tokenAgeSeconds: number;
  /** The session's clock when it was rejected, in seconds since the epoch (to compare with `iat` and `exp`). */
  rejectedAt: number;
}

/**
 * A token rejected within this long of a refresh that a rejection already caused is not refreshed again: the
 * refresh did not help, so the next one waits (at most one per this while the rejection lasts).
 */
export const rejectedTokenBackoffMs = 30_000;

/** What the session needs from its surroundings; each defaults to the real browser. Tests pass their own. */
export interface OidcSessionOptions {
  /** The only clock the token lifecycle uses. Default `systemClock`. */
  clock?: Clock;
  /** The browser window: `location`, `history`, `sessionStorage`, `localStorage`. Default `globalThis.window`. */
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
  private readonly listeners: { [E in keyof OidcSessionEvents]: Set<OidcSessionEvents[E]> } = {
    'user-changed': new Set(),
    'state-changed': new Set(),
    'sign-in-required': new Set(),
    'tokens-rejected': new Set(),
  };
  private currentUser: User | undefined;
  private currentState: OidcSessionState = 'signed-out';
  private stopError: SignInRequiredError | undefined;
  private refreshInFlight: Promise<void> | undefined;
  private refreshTimer: unknown;
  /** Where the user is kept (`storage` setting), and beside it the generation of its tokens. */
  private readonly tokenStorage: Storage;
  private readonly sync: TabSessionSync | undefined;
  /** The generation of the tokens this tab holds (see `TabSessionSync`); 0 when unknown. */
  private generation = 0;
  /** When the current tokens were taken, by the session's clock. */
  private tokensTakenAt = -Infinity;
  /** When a rejection last caused a refresh. */
  private lastRejectionRefreshAt = -Infinity;

  constructor(
    readonly settings: OidcSessionSettings,
    options: OidcSessionOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.window = options.window ?? globalThis.window;
    this.navigate = options.navigate ?? (url => this.window.location.assign(url));
    this.random = options.random ?? Math.random;
    // The sign-in request state (PKCE verifier, returnTo) must survive the redirect in this tab only.
    this.stateStore = new WebStorageStateStore({ store: this.window.sessionStorage, prefix: `${storageKeyPrefix}oidc.` });
    this.loopGuard = new SignInLoopGuard(
      this.window.sessionStorage,
      `${storageKeyPrefix}sign-in-redirect:${settings.authority}:${settings.clientId}`,
      settings.signInLoopWindowSeconds * 1000,
      this.clock,
    );
    this.tokenStorage = this.userStorage();
    this.userManager = new UserManager(this.userManagerSettings(), this.redirectNavigator(), refusingNavigator('popup'), refusingNavigator('iframe'));
    const tabs = options.tabs === undefined ? browserTabEnvironment(this.window) : (options.tabs ?? undefined);
    this.sync = tabs === undefined ? undefined : this.joinOtherTabs(tabs);
  }

  get state(): OidcSessionState {
    return this.currentState;
  }

  get user(): User | undefined {
    return this.currentUser;
  }

  /** Why the session stopped, while `state` is `sign-in-required`. */
  get signInRequiredError(): SignInRequiredError | undefined {
    return this.stopError;
  }

  /** The current access token while it is valid by the session's clock; undefined before sign-in or after expiry. */
  getAccessToken(): string | undefined {
    const user = this.currentUser;
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
      this.currentUser = stored;
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
    if (current !== undefined && now - this.tokensTakenAt < rejectedTokenBackoffMs && now - this.lastRejectionRefreshAt < rejectedTokenBackoffMs) {
      // A token seconds old, rejected again right after a refresh for the same reason: the authorizer does not
      // accept this provider's tokens (issuer, audience, client id) or a clock is wrong. Refreshing at every
      // request would flood the provider and change nothing.
      const report = { claims: describeRejectedToken(current), tokenAgeSeconds: Math.round((now - this.tokensTakenAt) / 1000), rejectedAt: Math.floor(now / 1000) };
      this.emit('tokens-rejected', report);
      throw new TokensRejectedError(report);
    }
    this.lastRejectionRefreshAt = now;
    await this.refresh();
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
    this.cancelScheduledRefresh();
    // Every tab stops at once, before the revocation's round trip.
    this.sync?.publishSignedOut(this.generation);
    const user = this.currentUser;
    if (user !== undefined && this.settings.revokeOnSignOut) {
      await this.revokeTokens(user);
    }
    await this.userManager.removeUser();
    this.setUser(undefined);
    this.setState('redirecting');
    const { settings } = this;
    if (settings.provider === 'cognito' && settings.cognitoDomain !== undefined) {
      const logout = new URL('/logout', settings.cognitoDomain);
      logout.searchParams.set('client_id', settings.clientId);
      logout.searchParams.set('logout_uri', settings.postLogoutRedirectUri);
      this.navigate(logout.href);
      return;
    }
    const endSession = await this.userManager.metadataService.getEndSessionEndpoint();
    if (endSession === undefined) {
      this.navigate(settings.postLogoutRedirectUri);
      return;
    }
    await this.userManager.signoutRedirect({ id_token_hint: user?.id_token, post_logout_redirect_uri: settings.postLogoutRedirectUri });
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof OidcSessionEvents>(event: E, listener: OidcSessionEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => {
      this.listeners[event].delete(listener);
    };
  }

  /** Stops the background refresh and oidc-client-ts's own expiry timers (tests, or tearing the viewer down). */
  async dispose(): Promise<void> {
    this.cancelScheduledRefresh();
    this.sync?.dispose();
    await this.userManager.events.unload();
  }

  private userManagerSettings(): UserManagerSettings {
    const { settings } = this;
    const cognito = settings.provider === 'cognito' && settings.cognitoDomain !== undefined;
    return {
      authority: settings.authority,
      client_id: settings.clientId,
      redirect_uri: settings.redirectUri,
      post_logout_redirect_uri: settings.postLogoutRedirectUri,
      scope: settings.scope,
      response_type: 'code',
      extraQueryParams: settings.extraQueryParams,
      resource: settings.resource,
      // We schedule refreshes ourselves on our Clock, and never use the iframe-based session monitor.
      automaticSilentRenew: false,
      monitorSession: false,
      requestTimeoutInSeconds: settings.tokenRequestTimeoutSeconds,
      silentRequestTimeoutInSeconds: settings.tokenRequestTimeoutSeconds,
      userStore: new WebStorageStateStore({ store: this.tokenStorage, prefix: `${storageKeyPrefix}oidc.` }),
      stateStore: this.stateStore,
      // Cognito does not list its revocation endpoint in discovery.
      metadataSeed: cognito ? { revocation_endpoint: `${settings.cognitoDomain}/oauth2/revoke` } : undefined,
    };
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

  /** Navigates with our `navigate`, so that tests see the URL instead of the page leaving. */
  private redirectNavigator(): INavigator {
    return {
      prepare: async (): Promise<IWindow> => ({
        navigate: async ({ url }) => {
          this.navigate(url);
          return { url };
        },
        close: () => undefined,
      }),
      callback: async () => undefined,
    };
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
      throw this.stop(new SignInRequiredError('the sign-in response in the URL does not belong to a sign-in started in this tab', false));
    }
    let user: User;
    try {
      user = await this.userManager.signinRedirectCallback(callbackUrl);
    } catch (error) {
      this.replaceUrl(viewerHome);
      throw this.stop(new SignInRequiredError(`signing in failed: ${describe(error)}`, false, { cause: error }));
    }
    const returnTo = (user.state as SignInRoundTrip | undefined)?.returnTo;
    this.replaceUrl(returnTo !== undefined && new URL(returnTo).origin === this.window.location.origin ? returnTo : viewerHome);
    this.acceptNewTokens(user);
  }

  private replaceUrl(url: string): void {
    this.window.history.replaceState(this.window.history.state, '', url);
  }

  private async refreshWithRetries(): Promise<void> {
    if (this.stopError !== undefined) {
      throw this.stopError;
    }
    const retry = this.settings.refreshRetry;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.refreshOnce();
        return;
      } catch (error) {
        if (isRefusal(error)) {
          await this.afterRefusedRefresh(error);
        }
        if (attempt >= retry.maxAttempts) {
          throw new TokenRefreshError(attempt, { cause: error });
        }
        await sleep(this.clock, fullJitterDelayMs(attempt, retry, this.random));
      }
    }
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
        throw this.stop(new SignInRequiredError('you signed out in another tab', false));
      }
      if (this.currentUser !== undefined && this.generation > generationToReplace) {
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
    if (!this.currentUser?.refresh_token) {
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
    this.cancelScheduledRefresh();
    await this.userManager.removeUser();
    this.setUser(undefined);
    this.sync?.markSignedOut();
    if (this.signedOutInAnotherTab()) {
      // Refused because another tab's sign-out revoked it: that tab's user asked to leave, not to sign in again.
      throw this.stop(new SignInRequiredError('you signed out in another tab', false, { cause }));
    }
    if (this.loopGuard.redirectedRecently()) {
      throw this.stop(
        new SignInRequiredError(
          `the identity provider refused the session again right after signing in (${describe(cause)}); not redirecting again`,
          false,
          { cause },
        ),
      );
    }
    await this.redirectToSignIn();
    throw new SignInRequiredError('the session expired; redirecting to the identity provider', true, { cause });
  }

  private async redirectToSignIn(): Promise<void> {
    this.cancelScheduledRefresh();
    this.stopError = undefined;
    this.loopGuard.recordRedirect();
    this.setState('redirecting');
    const roundTrip: SignInRoundTrip = { returnTo: this.window.location.href };
    await this.userManager.signinRedirect({ state: roundTrip });
  }

  private stop(error: SignInRequiredError): SignInRequiredError {
    this.stopError = error;
    this.setState('sign-in-required');
    this.emit('sign-in-required', error);
    return error;
  }

  private acceptUser(user: User, generation: number): void {
    this.stopError = undefined;
    this.generation = generation;
    this.tokensTakenAt = this.clock.now();
    this.tokenStorage.setItem(generationStorageKey, String(generation));
    this.setUser(user);
    this.setState('signed-in');
    this.scheduleRefresh(user);
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
    if (sync === undefined || this.currentState === 'redirecting') return false;
    if (shared.generation <= sync.signedOutGeneration() || (this.currentUser !== undefined && shared.generation <= this.generation)) return false;
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
    const sync = new TabSessionSync(tabs, this.window.localStorage, `${this.settings.authority}|${this.settings.clientId}`, this.clock);
    sync.onTokens(shared => {
      this.adoptSharedTokens(shared).catch(error => console.warn(`OIDC session: tokens from another tab were not taken (${describe(error)})`));
    });
    sync.onSignedOut(generation => {
      if (this.currentUser !== undefined && this.generation > generation) return;
      this.signedOutElsewhere().catch(error => console.warn(`OIDC session: ending the session failed (${describe(error)})`));
    });
    sync.provideTokens(() =>
      this.currentUser !== undefined && this.getAccessToken() !== undefined ? { user: this.currentUser.toStorageString(), generation: this.generation } : undefined,
    );
    return sync;
  }

  /** A sign-out in another tab ended the tokens this tab holds. */
  private signedOutInAnotherTab(): boolean {
    return this.sync !== undefined && this.sync.signedOutGeneration() >= this.generation;
  }

  private async signedOutElsewhere(): Promise<void> {
    this.cancelScheduledRefresh();
    await this.userManager.removeUser();
    this.setUser(undefined);
    this.sync?.markSignedOut();
    this.stop(new SignInRequiredError('you signed out in another tab', false));
  }

  private storedGeneration(): number {
    const value = Number(this.tokenStorage.getItem(generationStorageKey));
    return Number.isSafeInteger(value) ? value : 0;
  }

  /**
   * Refresh `refreshMarginSeconds` before expiry, but no earlier than half-way through the token's remaining
   * lifetime as the session received it (so short tokens are not refreshed continuously).
   */
  private scheduleRefresh(user: User): void {
    this.cancelScheduledRefresh();
    const expiresAt = expiresAtMs(user);
    if (expiresAt === Infinity) {
      return;
    }
    const lifetimeMs = Math.max(0, expiresAt - this.clock.now());
    const marginMs = Math.min(this.settings.refreshMarginSeconds * 1000, lifetimeMs / 2);
    this.startRefreshTimer(expiresAt - marginMs - this.clock.now());
  }

  private startRefreshTimer(delayMs: number): void {
    this.refreshTimer = this.clock.setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh().catch(error => {
        // Transient failures on every attempt: keep trying in the background while there is a session.
        if (error instanceof TokenRefreshError && this.currentUser !== undefined) {
          this.startRefreshTimer(this.settings.refreshRetry.maxDelayMs);
        }
      });
    }, Math.max(0, delayMs));
  }

  private cancelScheduledRefresh(): void {
    if (this.refreshTimer !== undefined) {
      this.clock.clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
    }
  }

  /**
   * RFC 7009 revocation, refresh token first (ending the grant), then the access token. Done here rather than by
   * oidc-client-ts, which insists on a JSON answer where RFC 7009 answers success with an empty body. A provider
   * that cannot revoke a token type (JWT access tokens, Cognito's) says `unsupported_token_type`: expected, quiet.
   */
  private async revokeTokens(user: User): Promise<void> {
    const endpoint = await this.userManager.metadataService.getRevocationEndpoint().catch(() => undefined);
    if (endpoint === undefined) {
      return;
    }
    for (const type of ['refresh_token', 'access_token'] as const) {
      const token = user[type];
      if (!token) {
        continue;
      }
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, token_type_hint: type, client_id: this.settings.clientId }),
        });
        const answer = response.ok ? '' : await response.text();
        if (!response.ok && !answer.includes('unsupported_token_type')) {
          console.warn(`OIDC session: revoking the ${type} failed with status ${response.status}; signing out anyway`);
        }
      } catch (error) {
        console.warn(`OIDC session: revoking the ${type} failed (${describe(error)}); signing out anyway`);
      }
    }
  }

  private setUser(user: User | undefined): void {
    this.currentUser = user;
    this.emit('user-changed', user);
  }

  private setState(state: OidcSessionState): void {
    if (state !== this.currentState) {
      this.currentState = state;
      this.emit('state-changed', state);
    }
  }

  private emit<E extends keyof OidcSessionEvents>(event: E, ...args: Parameters<OidcSessionEvents[E]>): void {
    for (const listener of this.listeners[event]) {
      (listener as (...values: Parameters<OidcSessionEvents[E]>) => void)(...args);
    }
  }
}

/** The stored user has no refresh token: only an interactive sign-in can get new tokens. */
class MissingRefreshTokenError extends Error {
  constructor() {
    super('there is no refresh token');
    this.name = 'MissingRefreshTokenError';
  }
}

/**
 * The identity provider answered with an OAuth error (`invalid_grant`: the refresh token expired or was revoked,
 * or a client or scope problem), or there is no refresh token. Retrying the same request cannot help. Its
 * `server_error` and `temporarily_unavailable`, and everything that is not an OAuth answer (network failure,
 * timeout, a 5xx page) are transient.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof MissingRefreshTokenError) {
    return true;
  }
  return error instanceof ErrorResponse && !['server_error', 'temporarily_unavailable'].includes(error.error ?? '');
}

function expiresAtMs(user: User): number {
  return user.expires_at === undefined ? Infinity : user.expires_at * 1000;
}

/** A short description of an error without tokens: oidc-client-ts messages carry the OAuth error, never a token. */
function describe(error: unknown): string {
  if (error instanceof ErrorResponse) {
    return error.error_description ? `${error.error ?? 'error'}: ${error.error_description}` : (error.error ?? error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

/** Refuses to open a popup or iframe: the session only ever leaves the page by a full redirect. */
function refusingNavigator(kind: 'popup' | 'iframe'): INavigator {
  return {
    prepare: () => Promise.reject(new Error(`OIDC session: ${kind} sign-in is disabled (refresh tokens and full-page redirects only)`)),
    callback: () => Promise.reject(new Error(`OIDC session: ${kind} sign-in is disabled`)),
  };
}
