import type { IncomingMessage } from 'node:http';
import type { DicomJson, DicomStoreLike } from './DicomStoreLike';
import { BadRequestError, UnsupportedMediaTypeError } from './errors';
import type { MatchedRoute } from './matchRoute';
import { parseMediaType } from './mediaType';
import { readMultipart } from './multipart';
import { readPartUids, type PartUids } from './partUids';
import { readBody } from './readBody';
import { jsonReply, type Reply } from './reply';

/** HealthImaging accepts up to 1 GB per STOW-RS request. */
export const defaultMaxStowBytes = 1024 ** 3;

/** Failure Reasons (0008,1197) used in the FailedSOPSequence (PS3.4 Annex B, PS3.18 table 10.5.3-1). */
export const FailureReason = {
  /** The part is not a DICOM Part 10 file the store can read. */
  cannotUnderstand: 0xc000,
  /** The instance belongs to another study than the one in the URL (POST /studies/{s}). */
  studyMismatch: 0xa900,
  /** Storing failed for a reason of the endpoint's own. */
  processingFailure: 0x0110,
} as const;

export interface StoreContext {
  store: DicomStoreLike;
  datastoreUrl: string;
  maxStowBytes: number;
  maxStowParts: number;
  maxStowPartBytes: number;
}

/** Error Comment (0000,0902): the failure's reason in words, in each FailedSOPSequence item. */
export const errorCommentTag = '00000902';

interface FailedPart {
  uids: PartUids;
  reason: number;
  /** What is wrong, in words the sender can act on. */
  comment: string;
}

/**
 * STOW-RS (StoreDICOM, StoreDICOMStudy): a `multipart/related; type="application/dicom"` body, one Part 10 file
 * per part. Answers the PS3.18 store response: ReferencedSOPSequence for stored instances (a duplicate is listed
 * as stored and kept unchanged, also when the same instance comes more than once in the request),
 * FailedSOPSequence with a FailureReason and the reason in words (Error Comment) for the others, each failure
 * also logged with `console.warn`; status 200 when all were stored, 202 when some, 409 when none.
 */
export async function storeInstances(
  route: MatchedRoute,
  request: IncomingMessage,
  context: StoreContext,
): Promise<Reply> {
  const boundary = checkStowContentType(request.headers['content-type']);
  const body = await readBody(request, context.maxStowBytes);
  const parts = readMultipart(body, boundary, {
    maxParts: context.maxStowParts,
    maxPartBytes: context.maxStowPartBytes,
  });
  if (parts.length === 0) throw new BadRequestError('The multipart body holds no instances');
  const referenced: DicomJson[] = [];
  const failed: FailedPart[] = [];
  for (const [index, part] of parts.entries()) {
    const sourceName = `STOW-RS part ${index + 1}`;
    const uids = readPartUids(part.body);
    const fail = (reason: number, comment: string) => {
      console.warn(
        `${sourceName}${uids.sopInstanceUid ? ` (SOP instance ${uids.sopInstanceUid})` : ''} refused: ${describeReason(reason)}: ${comment}`,
      );
      failed.push({ uids, reason, comment });
    };
    const partType = part.headers['content-type'];
    if (partType !== undefined && parseMediaType(partType)?.essence !== 'application/dicom') {
      fail(
        FailureReason.cannotUnderstand,
        `the part's Content-Type is ${partType.slice(0, 80)}, not application/dicom`,
      );
    } else if (route.studyUid !== undefined && uids.studyInstanceUid === undefined) {
      fail(
        FailureReason.cannotUnderstand,
        `no StudyInstanceUID could be read, so it cannot be checked against the study ${route.studyUid} of the URL`,
      );
    } else if (route.studyUid !== undefined && uids.studyInstanceUid !== route.studyUid) {
      fail(
        FailureReason.studyMismatch,
        `its StudyInstanceUID ${String(uids.studyInstanceUid)} is not the study ${route.studyUid} of the URL`,
      );
    } else {
      const outcome = await importPart(context, part.body, sourceName);
      if ('reason' in outcome) fail(outcome.reason, outcome.comment);
      else referenced.push(referencedItem(outcome.uids, context.datastoreUrl));
    }
  }
  const response: DicomJson = {};
  if (route.studyUid !== undefined) {
    response['00081190'] = { vr: 'UR', Value: [`${context.datastoreUrl}/studies/${route.studyUid}`] };
  }
  if (failed.length > 0) response['00081198'] = { vr: 'SQ', Value: failed.map(failedItem) };
  if (referenced.length > 0) response['00081199'] = { vr: 'SQ', Value: referenced };
  const status = failed.length === 0 ? 200 : referenced.length === 0 ? 409 : 202;
  return jsonReply(status, response, 'application/dicom+json');
}

/** @returns the multipart boundary. @throws UnsupportedMediaTypeError (415) or BadRequestError (400). */
function checkStowContentType(header: string | undefined): string {
  const mediaType = parseMediaType(header ?? '');
  const expected = 'send multipart/related; type="application/dicom"; boundary=...';
  if (mediaType?.essence !== 'multipart/related') {
    throw new UnsupportedMediaTypeError(`STOW-RS takes multipart/related bodies: ${expected}`);
  }
  const rootType = mediaType.params.type;
  if (rootType !== undefined && rootType.toLowerCase() !== 'application/dicom') {
    throw new UnsupportedMediaTypeError(
      `STOW-RS here takes DICOM Part 10 parts only (not ${rootType.slice(0, 60)}): ${expected}`,
    );
  }
  const boundary = mediaType.params.boundary;
  if (!boundary) throw new BadRequestError(`The Content-Type has no boundary parameter: ${expected}`);
  return boundary;
}

type ImportResult = { uids: Required<PartUids> } | { reason: number; comment: string };

async function importPart(
  { store, datastoreUrl }: StoreContext,
  bytes: Uint8Array,
  sourceName: string,
): Promise<ImportResult> {
  try {
    const stored = await store.importPart10(bytes, sourceName);
    const metadata = store.instanceMetadata(
      stored.studyInstanceUid,
      stored.seriesInstanceUid,
      stored.sopInstanceUid,
      datastoreUrl,
    );
    return {
      uids: {
        studyInstanceUid: stored.studyInstanceUid,
        seriesInstanceUid: stored.seriesInstanceUid,
        sopInstanceUid: stored.sopInstanceUid,
        sopClassUid: String(metadata?.['00080016']?.Value?.[0] ?? ''),
      },
    };
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidDicomFileError') {
      return {
        reason: FailureReason.cannotUnderstand,
        comment: (error as Error & { reason?: string }).reason ?? error.message,
      };
    }
    console.error(`STOW-RS: storing ${sourceName} failed:`, error);
    return {
      reason: FailureReason.processingFailure,
      comment: 'the endpoint failed to store it (its log has the details); send it again',
    };
  }
}

function referencedItem(uids: Required<PartUids>, datastoreUrl: string): DicomJson {
  return {
    '00081150': { vr: 'UI', Value: [uids.sopClassUid] },
    '00081155': { vr: 'UI', Value: [uids.sopInstanceUid] },
    '00081190': {
      vr: 'UR',
      Value: [
        `${datastoreUrl}/studies/${uids.studyInstanceUid}/series/${uids.seriesInstanceUid}/instances/${uids.sopInstanceUid}`,
      ],
    },
  };
}

/**
 * A FailedSOPSequence item; the UIDs are included when the part was readable enough to name them. The reason
 * text goes in Error Comment (0000,0902), not cut to LO's 64 characters: PS3.18 gives the item no text field and
 * HealthImaging documents none.
 */
function failedItem({ uids, reason, comment }: FailedPart): DicomJson {
  return {
    ...(uids.sopClassUid === undefined ? {} : { '00081150': { vr: 'UI', Value: [uids.sopClassUid] } }),
    ...(uids.sopInstanceUid === undefined ? {} : { '00081155': { vr: 'UI', Value: [uids.sopInstanceUid] } }),
    '00081197': { vr: 'US', Value: [reason] },
    [errorCommentTag]: { vr: 'LO', Value: [comment] },
  };
}

function describeReason(reason: number): string {
  return `0x${reason.toString(16).toUpperCase().padStart(4, '0')}`;
}
