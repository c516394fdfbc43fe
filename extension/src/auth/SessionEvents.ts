import type { User } from 'oidc-client-ts';
import type { RejectedTokenClaims } from './describeRejectedToken';
import type { SignInRequiredError } from './errors';
import type { OidcSessionState } from './SessionStateMachine';

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

/** The session's listeners, by event; called in the order they subscribed. */
export class SessionEventEmitter {
  private readonly listeners: { [E in keyof OidcSessionEvents]: Set<OidcSessionEvents[E]> } = {
    'user-changed': new Set(),
    'state-changed': new Set(),
    'sign-in-required': new Set(),
    'tokens-rejected': new Set(),
  };

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends keyof OidcSessionEvents>(event: E, listener: OidcSessionEvents[E]): () => void {
    this.listeners[event].add(listener);
    return () => {
      this.listeners[event].delete(listener);
    };
  }

  emit<E extends keyof OidcSessionEvents>(event: E, ...args: Parameters<OidcSessionEvents[E]>): void {
    for (const listener of this.listeners[event]) {
      (listener as (...values: Parameters<OidcSessionEvents[E]>) => void)(...args);
    }
  }
}
