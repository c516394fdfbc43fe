import { createHash } from 'node:crypto';
import type { DcmjsElement } from '../local/storage/dcmjsApi';

/** A UID under the `2.25` root (a UUID-sized integer), derived from `seed`: the same seed gives the same UID. */
export function derivedUid(seed: string): string {
  const digest = createHash('sha256').update(seed).digest().subarray(0, 16);
  return `2.25.${BigInt(`0x${digest.toString('hex')}`).toString()}`;
}

export function ui(value: string): DcmjsElement {
  return { vr: 'UI', Value: [value] };
}

export function numbers(element: DcmjsElement | undefined): number[] {
  return (element?.Value ?? []).map(Number);
}

/** DS values hold at most 16 characters. */
export function roundDecimalString(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The ids of slice `instanceNumber` (1-based) of a derived series: study, series, instance, frame of reference. */
export function derivedSliceIds(
  series: { studyInstanceUid: string; seriesInstanceUid: string },
  sopInstanceUid: string,
  frameOfReferenceUid: string,
  instanceNumber: number,
): Record<string, DcmjsElement> {
  return {
    '0020000D': ui(series.studyInstanceUid),
    '0020000E': ui(series.seriesInstanceUid),
    '00080018': ui(sopInstanceUid),
    '00200052': ui(frameOfReferenceUid),
    '00200013': { vr: 'IS', Value: [instanceNumber] },
    '00200011': { vr: 'IS', Value: [1] },
  };
}
