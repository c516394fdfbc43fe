/** What the import reads from a Part 10 file's meta header (group 0002) to match the server's answer to the file. */
export interface Part10Meta {
  /** Media Storage SOP Instance UID (0002,0003). */
  sopInstanceUid?: string;
}

const longLengthVrs = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT']);

/**
 * Reads the file meta information (always explicit VR little endian, right after `DICM`). Only the meta header
 * is read, so this works for every transfer syntax, deflated ones included.
 */
export function readPart10Meta(bytes: Uint8Array): Part10Meta {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 132;
  while (offset + 8 <= bytes.byteLength) {
    const group = view.getUint16(offset, true);
    if (group !== 0x0002) break;
    const element = view.getUint16(offset + 2, true);
    const vr = String.fromCharCode(bytes[offset + 4] ?? 0, bytes[offset + 5] ?? 0);
    let length: number;
    let valueOffset: number;
    if (longLengthVrs.has(vr)) {
      if (offset + 12 > bytes.byteLength) break;
      length = view.getUint32(offset + 8, true);
      valueOffset = offset + 12;
    } else {
      length = view.getUint16(offset + 6, true);
      valueOffset = offset + 8;
    }
    if (valueOffset + length > bytes.byteLength) break;
    if (element === 0x0003) {
      const uid = Buffer.from(bytes.buffer, bytes.byteOffset + valueOffset, length)
        .toString('latin1')
        .replace(/[\0 ]+$/, '');
      return uid ? { sopInstanceUid: uid } : {};
    }
    offset = valueOffset + length;
  }
  return {};
}
