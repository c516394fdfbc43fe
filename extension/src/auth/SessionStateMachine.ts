import type { User } from 'oidc-client-ts';
import type { SignInRequiredError } from './errors';
import type { SessionEventEmitter } from './SessionEvents';

/**
 * - `signed-out`: not started, or signed out.
 * - `signed-in`: there is a user with an access token (refreshed in the background before it expires).
 * - `redirecting`: the page is navigating to the identity provider.
 * - `sign-in-required`: the session stopped; only the user can continue (`signIn()`), see `SignInRequiredError`.
 */
export type OidcSessionState = 'signed-out' | 'signed-in' | 'redirecting' | 'sign-in-required';

/**
 * The session's state, its user and why it stopped, changed only by the moves below, each announced to the
 * listeners (`user-changed`, `state-changed`, `sign-in-required`): a state is announced when it changes, a user
 * whenever it is set.
 */
export class SessionStateMachine {
  private currentState: OidcSessionState = 'signed-out';
  private currentUser: User | undefined;
  private stopError: SignInRequiredError | undefined;

  constructor(private readonly events: SessionEventEmitter) {}

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

  /** Tokens were taken (sign-in, stored, refreshed, from another tab): signed in, any stop is over. */
  signedIn(user: User): void {
    this.stopError = undefined;
    this.setUser(user);
    this.setState('signed-in');
  }

  /**
   * A stored user whose access token expired, held without announcing it so that its refresh token can be
   * redeemed at start-up; the refresh announces the outcome.
   */
  holdExpiredUser(user: User): void {
    this.currentUser = user;
  }

  /** The user and their tokens are gone (refused refresh token, sign-out in another tab); the state moves next. */
  forgetUser(): void {
    this.setUser(undefined);
  }

  /** The page leaves for the identity provider's sign-in; any stop is over. */
  redirectingToSignIn(): void {
    this.stopError = undefined;
    this.setState('redirecting');
  }

  /** Signed out here: the user is forgotten and the page leaves for the provider's logout. */
  leavingForLogout(): void {
    this.setUser(undefined);
    this.setState('redirecting');
  }

  /** Stops the session until the user signs in (`sign-in-required`); returns the error for the caller to throw. */
  stop(error: SignInRequiredError): SignInRequiredError {
    this.stopError = error;
    this.setState('sign-in-required');
    this.events.emit('sign-in-required', error);
    return error;
  }

  private setUser(user: User | undefined): void {
    this.currentUser = user;
    this.events.emit('user-changed', user);
  }

  private setState(state: OidcSessionState): void {
    if (state !== this.currentState) {
      this.currentState = state;
      this.events.emit('state-changed', state);
    }
  }
}
