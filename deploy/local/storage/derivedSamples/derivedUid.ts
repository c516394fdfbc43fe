import { createHash } from 'node:crypto';

/**
 * A UID under the `2.25` root (PS3.5 B.2: a UUID written as one decimal number) made from `name`: the same name
 * always gives the same UID, so the sample objects derived at import time are the same objects on every machine
 * and every start (a random UID would store a second copy each time). The UUID is RFC 9562 version 8 (custom),
 * its 122 free bits the start of the SHA-256 of the name.
 */
export function derivedUid(name: string): string {
  if (typeof name !== 'string' || name === '') throw new TypeError('derivedUid needs a non-empty name');
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}
