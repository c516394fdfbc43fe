/** Joins byte arrays (returns the only part itself when there is one). */
export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/** An ArrayBuffer holding exactly these bytes (dcmjs wants ArrayBuffers, not views). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * `bitCount` bits of `source` from bit `fromBit` on (bit 0 the lowest of byte 0: DICOM's order for 1-bit pixel
 * data), moved to start at bit 0 of their own bytes.
 */
export function copyBits(source: Uint8Array, fromBit: number, bitCount: number): Uint8Array {
  const copied = new Uint8Array(Math.ceil(bitCount / 8));
  for (let bit = 0; bit < bitCount; bit++) {
    const from = fromBit + bit;
    if (((source[from >> 3] ?? 0) >> (from & 7)) & 1) copied[bit >> 3] = (copied[bit >> 3] ?? 0) | (1 << (bit & 7));
  }
  return copied;
}

/** Frames of `frameBits` bits each (each from bit 0 of its own bytes) packed one after the other, bit after bit. */
export function joinBits(frames: Uint8Array[], frameBits: number): Uint8Array {
  const joined = new Uint8Array(Math.ceil((frames.length * frameBits) / 8));
  frames.forEach((frame, index) => {
    for (let bit = 0; bit < frameBits; bit++) {
      const to = index * frameBits + bit;
      if (((frame[bit >> 3] ?? 0) >> (bit & 7)) & 1) joined[to >> 3] = (joined[to >> 3] ?? 0) | (1 << (to & 7));
    }
  });
  return joined;
}
