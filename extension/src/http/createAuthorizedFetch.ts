import { sleep, type Clock } from '../auth/Clock';
import { anySyntaxFramesAccept } from '../healthimaging/transferSyntax';
import type { RetryPolicy } from './retryPolicy';

/** Where the bearer token comes from; `OidcSession` is one. */
export interface AccessTokenSource {
  /** The current access token, synchronously; undefined when there is none or it expired. */
  getAccessToken(): string | undefined;
  /** Gets new tokens; coalesced, so concurrent callers share one token request. */
  refresh(): Promise<void>;
  /** The server refused `rejectedToken`: resolves when a newer token is available (refreshing if needed). */
  refreshAfterRejection(rejectedToken: string | undefined): Promise<void>;
}

export interface AuthorizedFetchOptions {
  session: AccessTokenSource;
  clock: Clock;
  /**
   * The fetch that really sends: the browser's original `window.fetch`, captured before the scoped interceptors
   * are installed (a function that looks up `window.fetch` at call time would call the interceptor again).
   */
  fetch: typeof globalThis.fetch;
  policy: RetryPolicy;
  /** Rewrites the URL of every attempt, e.g. to add HealthImaging's `imageSetId` (`withImageSetId`). Default: as is. */
  rewriteUrl?: (url: string) => string;
  /**
   * Waits until an attempt at `url` may be sent (e.g. a `RequestPacer` for the retrieve quota); rejects when the
   * signal aborts. Default: no wait.
   */
  pace?: (url: string, signal?: AbortSignal | null) => Promise<void>;
}

export type AuthorizedFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` for the DICOMweb service: each attempt carries `Authorization: Bearer <current token>` (after a refresh,
 * the new one) and the retry policy decides what a refusal leads to. Only the final response reaches the caller; a
 * successful response's body is never read here, so it streams. A body given as a ReadableStream cannot be sent
 * twice, so such a request gets one attempt.
 */
export function createAuthorizedFetch({ session, clock, fetch, policy, rewriteUrl = url => url, pace }: AuthorizedFetchOptions): AuthorizedFetch {
  return async function authorizedFetch(input, init = {}) {
    const url = rewriteUrl(input instanceof Request ? input.url : String(input));
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const repeatable = !(init.body instanceof ReadableStream) && !(input instanceof Request && input.body !== null);

    let refreshed = false;
    let token = session.getAccessToken();
    if (token === undefined) {
      // Expired by our clock (a timer delayed by a sleeping laptop, say): refresh before sending, not after a 403.
      refreshed = true;
      token = await session.refresh().then(
        () => session.getAccessToken(),
        () => undefined,
      );
    }
    let throttledRetries = 0;
    let acceptFallbackUsed = false;
    for (;;) {
      if (token === undefined) {
        headers.delete('Authorization');
      } else {
        headers.set('Authorization', `Bearer ${token}`);
      }
      await pace?.(url, signal);
      const attemptInput = input instanceof Request ? new Request(url, input.clone()) : url;
      const response = await fetch(attemptInput, { ...init, headers });
      if (!repeatable) {
        return response;
      }
      switch (await policy.classify(response, { url, accept: headers.get('Accept') })) {
        case 'token-rejected': {
          if (refreshed) {
            return response;
          }
          refreshed = true;
          const rejected = token;
          try {
            await session.refreshAfterRejection(rejected);
          } catch {
            return response;
          }
          token = session.getAccessToken();
          break;
        }
        case 'throttled': {
          if (throttledRetries + 1 >= policy.throttling.maxAttempts) {
            return response;
          }
          throttledRetries++;
          const delayMs = policy.throttleDelayMs(response, throttledRetries, clock.now());
          await discard(response);
          await sleep(clock, delayMs, signal);
          continue;
        }
        case 'transfer-syntax-refused': {
          if (acceptFallbackUsed) {
            return response;
          }
          acceptFallbackUsed = true;
          headers.set('Accept', anySyntaxFramesAccept);
          break;
        }
        case 'final':
          return response;
      }
      await discard(response);
    }
  };
}

/** Frees the connection of a response we will not hand out. */
async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already consumed or errored: nothing to free.
  }
}
