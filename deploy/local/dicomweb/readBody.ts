import type { IncomingMessage } from 'node:http';
import { BadRequestError, PayloadTooLargeError } from './errors';

/**
 * Reads a request body of at most `limitBytes`. A declared Content-Length over the limit is refused before
 * reading; a chunked body is refused as soon as it passes the limit.
 * @throws PayloadTooLargeError (413); BadRequestError when the client aborts mid-body.
 */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > limitBytes) throw new PayloadTooLargeError(limitBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new BadRequestError('The request body ended early (client aborted)');
  }
  return Buffer.concat(chunks, received);
}
