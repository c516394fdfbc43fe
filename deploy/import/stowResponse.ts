/** One instance the server stored (ReferencedSOPSequence item). */
export interface StoredInstance {
  sopInstanceUid: string;
  sopClassUid?: string;
  /** RetrieveURL of the instance, when the server gives one. */
  retrieveUrl?: string;
}

/** One instance the server refused (FailedSOPSequence item). */
export interface FailedInstance {
  /** Absent when the server could not read it from the part (e.g. a file it cannot parse). */
  sopInstanceUid?: string;
  sopClassUid?: string;
  /** FailureReason (0008,1197), e.g. 0xA900. */
  failureReason?: number;
  /** The server's reason in words (Error Comment (0000,0902), as the local endpoint sends), when it gives one. */
  comment?: string;
  /**
   * The failure for people: the code, what it means (PS3.4 / PS3.18) and the server's reason when given, e.g.
   * `0xC000 cannot understand: pixel data is truncated: ...`.
   */
  description: string;
}

export interface StowResponse {
  stored: StoredInstance[];
  failed: FailedInstance[];
}

const tags = {
  failedSopSequence: '00081198',
  referencedSopSequence: '00081199',
  referencedSopClassUid: '00081150',
  referencedSopInstanceUid: '00081155',
  failureReason: '00081197',
  errorComment: '00000902',
  retrieveUrl: '00081190',
};

const failureReasons: Record<number, string> = {
  0x0110: 'processing failure',
  0x0111: 'duplicate SOP instance',
  0x0122: 'SOP class not supported',
  0x0124: 'not authorized',
  0xa700: 'out of resources',
  0xa900: 'data set does not match SOP class',
  0xc000: 'cannot understand',
  0xc122: 'transfer syntax not supported',
};

/** Describes a FailureReason code for people: `0xA900 data set does not match SOP class`. */
export function describeFailureReason(code: number | undefined): string {
  if (code === undefined) return 'refused (no FailureReason given)';
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${hex} ${failureReasons[code] ?? 'refused'}`;
}

type DicomJsonDataset = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/**
 * Reads a STOW-RS response in DICOM JSON (an object, or an array holding one): the stored and the failed
 * instances. An empty or non-JSON body gives empty lists (the caller then decides from the HTTP status).
 */
export function parseStowResponse(body: string): StowResponse {
  let json: unknown;
  try {
    json = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    return { stored: [], failed: [] };
  }
  const dataset = (Array.isArray(json) ? json[0] : json) as DicomJsonDataset | undefined;
  if (!dataset || typeof dataset !== 'object') return { stored: [], failed: [] };
  const items = (tag: string) =>
    (dataset[tag]?.Value ?? []).filter((item): item is DicomJsonDataset => typeof item === 'object' && item !== null);
  const text = (item: DicomJsonDataset, tag: string) => {
    const value = item[tag]?.Value?.[0];
    return typeof value === 'string' ? value : undefined;
  };
  const stored = items(tags.referencedSopSequence).flatMap(item => {
    const sopInstanceUid = text(item, tags.referencedSopInstanceUid);
    if (!sopInstanceUid) return [];
    const instance: StoredInstance = { sopInstanceUid };
    const sopClassUid = text(item, tags.referencedSopClassUid);
    const retrieveUrl = text(item, tags.retrieveUrl);
    if (sopClassUid) instance.sopClassUid = sopClassUid;
    if (retrieveUrl) instance.retrieveUrl = retrieveUrl;
    return [instance];
  });
  const failed = items(tags.failedSopSequence).map(item => {
    const sopInstanceUid = text(item, tags.referencedSopInstanceUid);
    const reason = item[tags.failureReason]?.Value?.[0];
    const failureReason = typeof reason === 'number' ? reason : undefined;
    const comment = text(item, tags.errorComment)?.trim();
    const instance: FailedInstance = {
      description: `${describeFailureReason(failureReason)}${comment ? `: ${comment}` : ''}`,
    };
    if (comment) instance.comment = comment;
    if (sopInstanceUid) instance.sopInstanceUid = sopInstanceUid;
    const sopClassUid = text(item, tags.referencedSopClassUid);
    if (sopClassUid) instance.sopClassUid = sopClassUid;
    if (failureReason !== undefined) instance.failureReason = failureReason;
    return instance;
  });
  return { stored, failed };
}
