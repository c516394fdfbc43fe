import { concat } from './bytes';
import type { DcmjsElement } from './dcmjsApi';
import { InvalidDicomFileError } from './errors';
import type { PixelDataLayout } from './Part10Reader';

/**
 * Splits encapsulated pixel data into its frames and checks that the fragments and offset tables agree with
 * NumberOfFrames (PS3.5 A.4): the Basic Offset Table is empty or has one entry per frame, the Extended Offset
 * Table (when present) has one entry per frame and the Basic one is empty, each entry points at a fragment, and
 * there are at least as many fragments as frames. Without a table, fragments go one per frame when the counts
 * are equal, all into the frame of a single-frame instance, or are grouped by the codec start markers (JPEG SOI,
 * JPEG 2000 SOC) that open each frame.
 * @throws InvalidDicomFileError saying what does not match.
 */
export function splitEncapsulatedFrames(
  layout: PixelDataLayout,
  extendedOffsetTable: DcmjsElement | undefined,
  numberOfFrames: number,
  sourceName: string,
): Uint8Array[] {
  const refuse = (reason: string): never => {
    throw new InvalidDicomFileError(sourceName, reason);
  };
  const { fragments, basicOffsetTable } = layout;
  if (fragments.length < numberOfFrames) {
    refuse(`encapsulated pixel data has ${fragments.length} fragment(s) for ${numberOfFrames} frame(s)`);
  }
  const extended = extendedOffsetTable && readUint64List(extendedOffsetTable);
  if (extended && basicOffsetTable.length > 0) {
    refuse('the Basic Offset Table must be empty when an Extended Offset Table (7FE0,0001) is present');
  }
  const table = extended ?? basicOffsetTable;
  const tableName = extended ? 'Extended Offset Table (7FE0,0001)' : 'Basic Offset Table';
  let frames: Uint8Array[][];
  if (table.length > 0) {
    frames = groupByOffsetTable(table, tableName, fragments, numberOfFrames, refuse);
  } else if (fragments.length === numberOfFrames) {
    frames = fragments.map(fragment => [fragment.bytes]);
  } else if (numberOfFrames === 1) {
    frames = [fragments.map(fragment => fragment.bytes)];
  } else {
    frames = groupByStartMarkers(fragments.map(fragment => fragment.bytes));
    if (frames.length !== numberOfFrames) {
      refuse(
        `cannot tell which of the ${fragments.length} pixel data fragments belong to which of the ` +
          `${numberOfFrames} frames (the offset table is empty and the fragments open ${frames.length} frame(s))`,
      );
    }
  }
  const whole = frames.map(parts => (parts.length === 1 ? (parts[0] as Uint8Array) : concat(parts)));
  const empty = whole.findIndex(frame => frame.length === 0);
  if (empty >= 0) refuse(`frame ${empty + 1} of the encapsulated pixel data is empty`);
  return whole;
}

function groupByOffsetTable(
  table: number[],
  tableName: string,
  fragments: PixelDataLayout['fragments'],
  numberOfFrames: number,
  refuse: (reason: string) => never,
): Uint8Array[][] {
  if (table.length !== numberOfFrames) {
    refuse(`the ${tableName} has ${table.length} entries for ${numberOfFrames} frame(s)`);
  }
  const firstFragmentOfFrame = table.map((offset, frame) => {
    const index = fragments.findIndex(fragment => fragment.offset === offset);
    if (index < 0 || (frame > 0 && offset <= (table[frame - 1] as number))) {
      refuse(
        `entry ${frame + 1} of the ${tableName} (${offset}) does not point at the start of a fragment after the previous frame's`,
      );
    }
    return index;
  });
  if (firstFragmentOfFrame[0] !== 0) refuse(`the ${tableName}'s first entry must point at the first fragment`);
  return firstFragmentOfFrame.map((start, frame) =>
    fragments.slice(start, firstFragmentOfFrame[frame + 1] ?? fragments.length).map(fragment => fragment.bytes),
  );
}

function groupByStartMarkers(fragments: Uint8Array[]): Uint8Array[][] {
  const frames: Uint8Array[][] = [];
  for (const fragment of fragments) {
    const opensFrame = fragment[0] === 0xff && (fragment[1] === 0xd8 || fragment[1] === 0x4f);
    if (opensFrame || frames.length === 0) frames.push([fragment]);
    else frames[frames.length - 1]?.push(fragment);
  }
  return frames;
}

/** An OV value (little-endian 64-bit unsigned integers) as numbers. */
function readUint64List(element: DcmjsElement): number[] {
  const bytes = concat(
    (element.Value ?? [])
      .filter((value): value is ArrayBuffer => value instanceof ArrayBuffer)
      .map(value => new Uint8Array(value)),
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) values.push(Number(view.getBigUint64(at, true)));
  return values;
}
