import {
  matchDicomWebRoute,
  parseDatastorePath,
  type Operation,
  type RouteParameters,
} from 'ohif-healthimaging-contract';
import { defaultMaxFramesPerRequest } from './EndpointLimits';
import { BadRequestError, MethodNotAllowedError, NotFoundError } from './errors';

/** A DICOMweb request the endpoint serves, with its checked path parameters. */
export interface MatchedRoute {
  operation: Operation;
  studyUid?: string;
  seriesUid?: string;
  sopUid?: string;
  /** 1-based frame numbers, in the order asked. */
  frameNumbers?: number[];
  /** Bulk data tag, 8 upper-case hex digits. */
  tag?: string;
}

type Params = Omit<MatchedRoute, 'operation'>;

/** DICOMweb resources HealthImaging does not offer, with what to use instead. */
const unsupported: ReadonlyArray<{ pattern: RegExp; message: string }> = [
  {
    pattern: /^studies\/[^/]+\/metadata$/,
    message:
      'Study-level metadata is not supported by HealthImaging; retrieve series metadata (OHIF: enableStudyLazyLoad: true)',
  },
  {
    pattern: /\/(rendered|thumbnail)$/,
    message:
      "Rendered resources and thumbnails are not supported by HealthImaging (OHIF: thumbnailRendering: 'wadors')",
  },
  { pattern: /^$/, message: 'WADO-URI is not supported by HealthImaging; use the WADO-RS resources under /studies' },
  {
    pattern: /^studies\/[^/]+(\/series\/[^/]+)?$/,
    message: 'Retrieving a whole study or series is not supported by HealthImaging; retrieve instances or frames',
  },
];

const UID = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;
const TAG = /^[0-9A-Fa-f]{8}$/;
const FRAME_LIST = /^[1-9][0-9]{0,8}(,[1-9][0-9]{0,8})*$/;

/**
 * Maps a method and path to the HealthImaging action it performs.
 * @throws NotFoundError for another datastore, an unknown path, or a resource HealthImaging does not serve
 *   (study metadata, rendered, thumbnail, whole study/series, WADO-URI);
 *   MethodNotAllowedError for a known path with another method;
 *   BadRequestError for a malformed UID or tag, or a frame list that is malformed, names a frame twice or names more
 *   than `maxFramesPerRequest` frames.
 */
export function matchRoute(
  method: string,
  pathname: string,
  datastoreId: string,
  maxFramesPerRequest: number = defaultMaxFramesPerRequest,
): MatchedRoute {
  const path = parseDatastorePath(pathname);
  if (!path || path.basePath !== '')
    throw new NotFoundError('Not found: DICOMweb resources are under /datastore/<datastoreId>/');
  if (path.datastoreId !== datastoreId) throw new NotFoundError(`Datastore ${clip(path.datastoreId)} not found`);
  const rest = path.resourcePath;
  const match = matchDicomWebRoute(method, rest);
  if (match?.kind === 'operation')
    return { operation: match.operation, ...checkParams(match.parameters, maxFramesPerRequest) };
  // A GET of /studies/{s} is a whole-study retrieve, which HealthImaging does not offer: say so, not 405.
  if (match?.kind === 'other-methods' && method !== 'GET')
    throw new MethodNotAllowedError(method, match.allowedMethods);
  const notOffered = unsupported.find(({ pattern }) => pattern.test(rest));
  if (notOffered) throw new NotFoundError(notOffered.message);
  throw new NotFoundError(`Not found: ${clip(rest)} is not a HealthImaging DICOMweb resource`);
}

function checkParams(raw: RouteParameters, maxFramesPerRequest: number): Params {
  const params: Params = {};
  if (raw.studyUid !== undefined) params.studyUid = checkUid(raw.studyUid, 'StudyInstanceUID');
  if (raw.seriesUid !== undefined) params.seriesUid = checkUid(raw.seriesUid, 'SeriesInstanceUID');
  if (raw.sopUid !== undefined) params.sopUid = checkUid(raw.sopUid, 'SOPInstanceUID');
  if (raw.frameList !== undefined) {
    if (!FRAME_LIST.test(raw.frameList)) {
      throw new BadRequestError(
        `Invalid frame list "${clip(raw.frameList)}": give frame numbers from 1, separated by commas (1,2,3)`,
      );
    }
    params.frameNumbers = checkFrameNumbers(raw.frameList.split(',').map(Number), maxFramesPerRequest);
  }
  if (raw.tag !== undefined) {
    if (!TAG.test(raw.tag))
      throw new BadRequestError(`Invalid bulk data tag "${clip(raw.tag)}": give 8 hex digits (7FE00010)`);
    params.tag = raw.tag.toUpperCase();
  }
  return params;
}

/** Each frame at most once and at most `maxFrames` of them: a request may not ask for the same pixels 1000 times. */
function checkFrameNumbers(frameNumbers: number[], maxFrames: number): number[] {
  if (frameNumbers.length > maxFrames) {
    throw new BadRequestError(
      `The frame list names ${frameNumbers.length} frames; at most ${maxFrames} per request, so split it`,
    );
  }
  const seen = new Set<number>();
  for (const frameNumber of frameNumbers) {
    if (seen.has(frameNumber))
      throw new BadRequestError(`The frame list names frame ${frameNumber} more than once; name each frame once`);
    seen.add(frameNumber);
  }
  return frameNumbers;
}

/** @throws BadRequestError unless `value` is a DICOM UID (digits and dots, no leading zeros, at most 64 characters). */
export function checkUid(value: string, name: string): string {
  if (value.length > 64 || !UID.test(value)) {
    throw new BadRequestError(
      `Invalid ${name} "${clip(value)}": a UID is up to 64 digits and dots, e.g. 1.2.840.113619.2.1`,
    );
  }
  return value;
}

/** Shortens caller-supplied text echoed in a message. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
