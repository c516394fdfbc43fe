import { randomBytes } from 'node:crypto';
import { BadRequestError, PartTooLargeError, TooManyPartsError } from './errors';

/** One body part of a `multipart/related` message. */
export interface MultipartPart {
  /** Header fields by lower-case name (`content-type`, `content-location`, ...). */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A part read from a body: its bytes are a Buffer view into that body. */
export interface ReadPart extends MultipartPart {
  body: Buffer;
}

const CRLF = '\r\n';

/** Largest header section of one part read: a part's headers are a few short lines (Content-Type, Content-Location). */
export const maxPartHeaderBytes = 8 * 1024;

/** Limits on a body read by `readMultipart`; each absent one is unlimited. */
export interface MultipartLimits {
  /** Most parts; more throw TooManyPartsError (413). */
  maxParts?: number;
  /** Largest part body in bytes; larger throws PartTooLargeError (413). */
  maxPartBytes?: number;
}

/** A boundary that cannot occur in the parts (random, 32 hex characters after a fixed prefix). */
export function newBoundary(): string {
  return `DICOMwebBoundary${randomBytes(16).toString('hex')}`;
}

/**
 * Encodes parts as a `multipart/related` body (RFC 2387): for each part `--boundary`, its header lines, an
 * empty line, the bytes; then `--boundary--`. Header names are written as given.
 */
export function writeMultipart(parts: readonly MultipartPart[], boundary: string): Buffer {
  const chunks: Uint8Array[] = [];
  for (const part of parts) chunks.push(...partChunks(part, boundary));
  chunks.push(closingDelimiter(boundary));
  return Buffer.concat(chunks);
}

/**
 * The same encoding as `writeMultipart`, produced as the parts arrive: each part's bytes are handed on as they are
 * (no copy into one body), so the answer is never held whole in memory.
 */
export async function* streamMultipart(
  parts: AsyncIterable<MultipartPart>,
  boundary: string,
): AsyncGenerator<Uint8Array> {
  for await (const part of parts) yield* partChunks(part, boundary);
  yield closingDelimiter(boundary);
}

function partChunks(part: MultipartPart, boundary: string): Uint8Array[] {
  const headerLines = Object.entries(part.headers).map(([name, value]) => `${name}: ${value}${CRLF}`);
  return [Buffer.from(`--${boundary}${CRLF}${headerLines.join('')}${CRLF}`, 'latin1'), part.body, Buffer.from(CRLF)];
}

function closingDelimiter(boundary: string): Buffer {
  return Buffer.from(`--${boundary}--${CRLF}`, 'latin1');
}

/**
 * Splits a `multipart/related` body into its parts. A preamble before the first boundary and an epilogue after
 * the closing one are ignored; each part's bytes are a view into `body` (no copy).
 * @throws BadRequestError naming what is wrong (no boundary line, a part without its header end or with headers over
 *   `maxPartHeaderBytes`, no closing boundary); TooManyPartsError or PartTooLargeError (413) beyond `limits`.
 */
export function readMultipart(body: Buffer, boundary: string, limits: MultipartLimits = {}): ReadPart[] {
  const { maxParts = Infinity, maxPartBytes = Infinity } = limits;
  if (boundary === '' || boundary.length > 70) {
    throw new BadRequestError('The multipart boundary must be 1 to 70 characters (RFC 2046)');
  }
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.from(`${CRLF}--${boundary}`, 'latin1');
  let position = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(nextDelimiter);
  if (position < 0) throw new BadRequestError(`The body holds no multipart boundary line "--${boundary}"`);
  if (position > 0) position += CRLF.length;
  const parts: ReadPart[] = [];
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return parts;
    if (parts.length === maxParts) throw new TooManyPartsError(maxParts);
    const lineEnd = body.indexOf(CRLF, position);
    // Transport padding (spaces, tabs) may follow a boundary before its line break.
    if (lineEnd < 0 || !/^[ \t]*$/.test(body.subarray(position, lineEnd).toString('latin1'))) {
      throw new BadRequestError(`Part ${parts.length + 1} of the multipart body does not start with a boundary line`);
    }
    const headersEnd = body.indexOf(CRLF + CRLF, lineEnd);
    const nextPart = body.indexOf(nextDelimiter, lineEnd);
    if (nextPart < 0) throw new BadRequestError('The multipart body ends without its closing boundary');
    // headersEnd === lineEnd when the part has no header lines (the empty line follows the boundary line).
    if (headersEnd < 0 || headersEnd > nextPart) {
      throw new BadRequestError(`Part ${parts.length + 1} of the multipart body has no empty line after its headers`);
    }
    if (headersEnd - lineEnd > maxPartHeaderBytes) {
      throw new BadRequestError(
        `Part ${parts.length + 1} of the multipart body has headers over ${maxPartHeaderBytes} bytes`,
      );
    }
    if (nextPart - (headersEnd + 4) > maxPartBytes) throw new PartTooLargeError(parts.length + 1, maxPartBytes);
    const headerText = body
      .subarray(lineEnd + CRLF.length, Math.max(headersEnd, lineEnd + CRLF.length))
      .toString('latin1');
    parts.push({ headers: parseHeaderLines(headerText), body: body.subarray(headersEnd + 4, nextPart) });
    position = nextPart + CRLF.length;
  }
}

function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(CRLF)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
