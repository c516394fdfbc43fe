import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/** A JWKS document is a few kilobytes; anything far larger is not one. */
const maxResponseBytes = 1024 * 1024;

/**
 * Fetches a JWKS within one overall deadline (connect + response + body), without retrying: HealthImaging waits
 * 1 s for the whole authorization. aws-jwt-verify's own fetcher speaks https only, allows 3 s and retries once;
 * this one also reaches an `http://` provider on loopback (the local stack).
 */
export class TimeboxedFetcher implements Fetcher {
  constructor(readonly timeoutMs: number) {}

  fetch(uri: string): Promise<ArrayBuffer> {
    const request = new URL(uri).protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        if (error instanceof FetchError) reject(error);
        else if (error.name === 'AbortError')
          reject(new FetchError(uri, `no complete answer within ${this.timeoutMs} ms`));
        else reject(new FetchError(uri, error.message));
      };
      // A fresh connection per fetch: fetches are rare (cold start, key rotation) and no socket outlives them.
      const outgoing = request(
        uri,
        { method: 'GET', agent: false, signal: AbortSignal.timeout(this.timeoutMs) },
        response => {
          readBody(uri, response).then(resolve, fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end();
    });
  }
}

async function readBody(uri: string, response: IncomingMessage): Promise<ArrayBuffer> {
  if (response.statusCode !== 200) {
    response.resume();
    throw new NonRetryableFetchError(uri, `status ${response.statusCode}, expected 200`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxResponseBytes) {
      response.destroy();
      throw new NonRetryableFetchError(uri, `response exceeds ${maxResponseBytes} bytes`);
    }
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}
