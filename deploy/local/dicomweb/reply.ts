/** What a handler answers; the endpoint adds CORS headers and writes it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An answer written piece by piece as `chunks` yields (with the client's backpressure), so a large answer is never
 * held whole in memory and its work is spread over many event-loop turns. An error thrown before the first chunk
 * becomes an ordinary error answer; one thrown later can only cut the connection.
 */
export interface StreamedReply {
  status: number;
  headers: Record<string, string>;
  chunks: AsyncIterable<Uint8Array>;
}

/** A JSON reply (`{"message": ...}` bodies, DICOM JSON). */
export function jsonReply(
  status: number,
  value: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

/** HealthImaging's error body: `{"message": "..."}`. */
export function messageReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { message }, 'application/json', headers);
}

/** Most milliseconds of work between two yields to the event loop while an answer is produced. */
export const workSliceMs = 10;
/** Bytes gathered before a chunk of a JSON answer is handed on. */
const jsonChunkBytes = 64 * 1024;

/**
 * A JSON array answer streamed item by item: each item is serialized on its own, chunks of about 64 KiB are handed
 * on, and the event loop gets a turn at least every `workSliceMs`, so a series of thousands of instances neither
 * blocks the process nor is held twice (objects and text) in memory.
 */
export function jsonArrayReply(status: number, items: Iterable<unknown>, contentType: string): StreamedReply {
  return { status, headers: { 'Content-Type': contentType }, chunks: jsonArrayChunks(items) };
}

async function* jsonArrayChunks(items: Iterable<unknown>): AsyncGenerator<Uint8Array> {
  let pending: string[] = ['['];
  let pendingLength = 1;
  let sliceStarted = performance.now();
  let first = true;
  for (const item of items) {
    const text = (first ? '' : ',') + JSON.stringify(item);
    first = false;
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= jsonChunkBytes) {
      yield Buffer.from(pending.join(''));
      pending = [];
      pendingLength = 0;
    }
    if (performance.now() - sliceStarted >= workSliceMs) {
      await yieldToEventLoop();
      sliceStarted = performance.now();
    }
  }
  pending.push(']');
  yield Buffer.from(pending.join(''));
}

/** Lets timers and I/O of other requests run before the work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve));
}
