import { ErrorResponse } from 'oidc-client-ts';
import { fullJitterDelayMs, type BackoffSettings } from 'ohif-healthimaging-retry';
import { sleep, type Clock } from './Clock';
import { TokenRefreshError } from './errors';

/** The stored user has no refresh token: only an interactive sign-in can get new tokens. */
export class MissingRefreshTokenError extends Error {
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
export function isRefusal(error: unknown): boolean {
  if (error instanceof MissingRefreshTokenError) {
    return true;
  }
  return error instanceof ErrorResponse && !['server_error', 'temporarily_unavailable'].includes(error.error ?? '');
}

export interface TokenRequestRetryOptions {
  /** Attempts in all and the waits between them (`refreshRetry`). */
  backoff: BackoffSettings;
  clock: Clock;
  /** Random numbers in [0, 1) for the full jitter. */
  random: () => number;
  /** Called with a refusal (`isRefusal`): no retry can help, so it must throw what the caller gets. */
  onRefusal: (refusal: unknown) => Promise<never>;
}

/**
 * Sends a token request until it succeeds: a transient failure is retried after a full-jitter wait on the
 * session's Clock, a refusal goes to `onRefusal` at once.
 * @throws TokenRefreshError after `backoff.maxAttempts` transient failures (the last one as its cause).
 */
export async function withTokenRequestRetries(
  request: () => Promise<void>,
  options: TokenRequestRetryOptions,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await request();
      return;
    } catch (error) {
      if (isRefusal(error)) {
        await options.onRefusal(error);
      }
      if (attempt >= options.backoff.maxAttempts) {
        throw new TokenRefreshError(attempt, { cause: error });
      }
      await sleep(options.clock, fullJitterDelayMs(attempt, options.backoff, options.random));
    }
  }
}
