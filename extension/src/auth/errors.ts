import { SettingsError } from 'ohif-healthimaging-validation';

/** An OpenID Connect session setting is missing or wrong; the message names the key and what is expected. */
export class OidcSessionSettingsError extends SettingsError {
  constructor(
    /** Dotted path of the offending key, e.g. `dataSources[0].configuration.auth.clientId`. */
    key: string,
    problem: string,
  ) {
    super(key, problem, { source: 'app-config' });
  }
}

/**
 * The session has no usable token and will not redirect to the identity provider by itself: either it is already
 * redirecting, or an automatic sign-in just happened and failed again (loop guard), or the sign-in callback failed.
 * The user must act (a "Sign in" button calling `OidcSession.signIn()`).
 */
export class SignInRequiredError extends Error {
  constructor(
    message: string,
    /** True when the page is already navigating to the identity provider. */
    readonly redirecting: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignInRequiredError';
  }
}

/** Refreshing the tokens failed for a transient reason (network, timeout, 5xx) on every attempt. */
export class TokenRefreshError extends Error {
  constructor(
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`refreshing the access token failed ${attempts} times (network, timeout or server error)`, options);
    this.name = 'TokenRefreshError';
  }
}

/**
 * The service rejected a token obtained seconds ago, again after a refresh: not refreshed again for now (see
 * `OidcSession.refreshAfterRejection`). The request's refusal is handed to the caller as it is.
 */
export class TokensRejectedError extends Error {
  constructor(readonly report: { tokenAgeSeconds: number }) {
    super(
      `the service rejected a token obtained ${report.tokenAgeSeconds} s ago, again after a refresh; not refreshing again for now`,
    );
    this.name = 'TokensRejectedError';
  }
}
