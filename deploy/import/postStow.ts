import type { RetryPolicy } from 'ohif-healthimaging-retry';
import { ImportAuthorizationError } from './errors';
import type { StowBody } from './stowRequest';
import type { TokenSource } from './tokenSource';

export interface PostStowOptions {
  tokenSource: TokenSource;
  /** `createImportRetryPolicy`: what is retried, how often, how long it waits. */
  retry: RetryPolicy;
  fetch: typeof fetch;
  /** Told before each wait, e.g. to show "throttled, retrying in 2 s". */
  onRetry?: (event: { retry: number; delayMs: number; reason: string }) => void;
}

/** The server's final answer to one STOW-RS request (after retries), or the network failure that ended it. */
export type StowAnswer = { status: number; body: string; retries: number } | { networkError: string; retries: number };

/**
 * POSTs a STOW-RS body with a bearer token. Throttling and unavailability (429, 503, ...) and network failures
 * are retried with backoff, honouring `Retry-After`. A refused token (401, or 403 "Invalid or Expired Token" as
 * HealthImaging answers for expired tokens) is renewed once and the request repeated; if it is refused again, or
 * the source cannot renew, or the answer is another 403 (no write permission), `ImportAuthorizationError` is
 * thrown, because every later request would be refused too.
 */
export async function postStow(url: string, stow: StowBody, options: PostStowOptions): Promise<StowAnswer> {
  let token = await options.tokenSource.getToken();
  let renewed = false;
  let retries = 0;
  for (;;) {
    let response: Response;
    try {
      response = await options.fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': stow.contentType,
          accept: 'application/dicom+json',
        },
        body: stow.body,
      });
    } catch (error) {
      const reason = describeNetworkError(error);
      if (retries + 1 >= options.retry.backoff.maxAttempts) return { networkError: reason, retries };
      await wait(options.retry.delayMs(retries + 1, null, Date.now()), retries, reason, options);
      retries += 1;
      continue;
    }
    // Before the body is read: the policy reads an expired-token answer from a clone.
    const verdict = await options.retry.classify(response);
    const body = await response.text();
    if (response.status === 401 || response.status === 403) {
      const message = serverMessage(body);
      if (verdict === 'token-rejected' && !renewed) {
        renewed = true;
        const fresh = await options.tokenSource.renewToken();
        if (fresh !== undefined) {
          token = fresh;
          continue;
        }
      }
      throw new ImportAuthorizationError(response.status, message);
    }
    if (verdict === 'retry-later' && retries + 1 < options.retry.backoff.maxAttempts) {
      const delayMs = options.retry.delayMs(retries + 1, response.headers.get('retry-after'), Date.now());
      await wait(
        delayMs,
        retries,
        `HTTP ${response.status}${serverMessage(body) ? ` ${serverMessage(body)}` : ''}`,
        options,
      );
      retries += 1;
      continue;
    }
    return { status: response.status, body, retries };
  }
}

async function wait(delayMs: number, retry: number, reason: string, options: PostStowOptions): Promise<void> {
  options.onRetry?.({ retry, delayMs, reason });
  await new Promise(resolve => setTimeout(resolve, delayMs));
}

/** The message of an error body (`{"message": ...}` as HealthImaging sends, or plain text), shortened. */
export function serverMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const message = json.message ?? json.Message;
    if (typeof message === 'string') return message.slice(0, 200);
  } catch {
    // not JSON: use the text
  }
  return body.trim().startsWith('[') || body.trim().startsWith('{') ? '' : body.trim().slice(0, 200);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
