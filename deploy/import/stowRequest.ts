import { randomBytes } from 'node:crypto';

/** A STOW-RS request body: DICOM Part 10 files as a `multipart/related; type="application/dicom"` message. */
export interface StowBody {
  body: Buffer<ArrayBuffer>;
  /** The request's Content-Type header, naming the boundary. */
  contentType: string;
}

/**
 * Builds the multipart/related body of a STOW-RS request (DICOM PS3.18 §10.5): one `application/dicom` part per
 * file, bytes unchanged. The boundary is random and checked not to occur in any part.
 */
export function buildStowBody(parts: readonly Uint8Array[], boundary: string = newBoundary(parts)): StowBody {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, 'latin1'),
      Buffer.from(part.buffer, part.byteOffset, part.byteLength),
      Buffer.from('\r\n', 'latin1'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return {
    body: Buffer.concat(chunks),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

function newBoundary(parts: readonly Uint8Array[]): string {
  for (;;) {
    const boundary = `dicom-stow-${randomBytes(16).toString('hex')}`;
    const needle = Buffer.from(boundary, 'latin1');
    if (!parts.some(part => Buffer.from(part.buffer, part.byteOffset, part.byteLength).includes(needle)))
      return boundary;
  }
}
