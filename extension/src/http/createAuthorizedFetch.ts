import { anySyntaxFramesAccept } from 'ohif-healthimaging-contract';
import { retryAfterMs } from 'ohif-healthimaging-retry';
import { sleep, type Clock } from '../auth/Clock';
import { NoAccessTokenError } from './errors';
import type { ViewerRetryPolicy } from './viewerRetryPolicy';

/** Where the bearer token comes from; `OidcSession` is one. */
export interface AccessTokenSource {
  /** The current access token, synchronously; undefined when there is none or it expired. */
  getAccessToken(): string | undefined;
  /** Gets new tokens; coalesced, so concurrent callers share one token request. */
  refresh(): Promise<void>;
  /**
   * The server refused `rejectedToken`: resolves when a newer token is available (refreshing if needed); rejects
   * when it will not refresh (a token seconds old, refused right after a refresh: it reports that instead).
   */
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
  policy: ViewerRetryPolicy;
  /** Rewrites the URL of every attempt, e.g. to add HealthImaging's `imageSetId` (`withImageSetId`). Default: as is. */
  rewriteUrl?: (url: string) => string;
  /** The retrieve quota's pacing (`createRetrievePacing`). Default: nothing paced. */
  pacing?: Pacing;
}

/** What the fetch needs of a pacer: which requests it paces, their turn, and what a throttled answer tells it. */
export interface Pacing {
  /** True for the URLs the quota counts; only these wait for their turn and are never given up on. */
  covers(url: string): boolean;
  /** Resolves when an attempt at `url` (as the caller asked for it) may be sent; rejects when the signal aborts. */
  take(url: string, signal?: AbortSignal | null): Promise<void>;
  /** The service throttled an attempt; `retryAfterMs` when it said how long to wait. */
  throttled(retryAfterMs: number | undefined): void;
}

export type AuthorizedFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` for the DICOMweb service: each attempt carries `Authorization: Bearer <current token>` (after a refresh,
 * the new one) and the retry policy decides what a refusal leads to. Only the final response reaches the caller; a
 * successful response's body is never read here, so it streams. A body given as a ReadableStream cannot be sent
 * twice, so such a request gets one attempt.
 */
export function createAuthorizedFetch({
  session,
  clock,
  fetch,
  policy,
  rewriteUrl = url => url,
  pacing,
}: AuthorizedFetchOptions): AuthorizedFetch {
  return async function authorizedFetch(input, init = {}) {
    const requestedUrl = input instanceof Request ? input.url : String(input);
    const url = rewriteUrl(requestedUrl);
    const paced = pacing?.covers(requestedUrl) === true;
    const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    const repeatable = !(init.body instanceof ReadableStream) && !(input instanceof Request && input.body !== null);

    let refreshed = false;
    let refreshedAfterRejection = false;
    let throttledRetries = 0;
    let acceptFallbackUsed = false;
    for (;;) {
      if (paced) await pacing?.take(requestedUrl, signal);
      // Read at every attempt, after any wait: the token of a refresh since, or none after a sign-out.
      let token = session.getAccessToken();
      if (token === undefined) {
        // Expired by our clock (a timer delayed by a sleeping laptop, say): refresh before sending, not after a
        // 403. When that fails (signed out, here or in another tab; the provider unreachable) nothing is sent:
        // a request without a token can only be refused.
        refreshed = true;
        await session.refresh();
        token = session.getAccessToken();
        if (token === undefined) throw new NoAccessTokenError();
      }
      headers.set('Authorization', `Bearer ${token}`);
      const attemptInput = input instanceof Request ? new Request(url, input.clone()) : url;
      const response = await fetch(attemptInput, { ...init, headers });
      if (!repeatable) {
        return response;
      }
      switch (await policy.classify(response, { url, accept: headers.get('Accept') })) {
        case 'token-rejected': {
          if (refreshedAfterRejection) {
            // The fresh token is refused too: the session reports it now (it does not refresh again this soon), so
            // that a page making a single request (the study list's first search) still says why.
            await session.refreshAfterRejection(token).catch(() => undefined);
            return response;
          }
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
          refreshedAfterRejection = true;
          break;
        }
        case 'throttled': {
          if (paced) {
            // Nothing is dropped while the reader has the study open: the pacer slows down for everyone, and the
            // request goes back in its queue; past the policy's attempts it first waits a backoff of its own.
            pacing?.throttled(retryAfterMs(response.headers.get('Retry-After'), clock.now()));
            throttledRetries++;
            await discard(response);
            if (throttledRetries >= policy.throttling.maxAttempts) {
              await sleep(clock, policy.throttleDelayMs(response, throttledRetries, clock.now()), signal);
            }
            continue;
          }
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
