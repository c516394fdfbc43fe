import { defaultMaxFramesPerRequest } from './EndpointLimits';
import { BadRequestError, MethodNotAllowedError, NotFoundError } from './errors';
import type { Operation } from '../../../extension/src/healthimaging/operations';

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

type Method = 'GET' | 'POST';
type Params = Omit<MatchedRoute, 'operation'>;

/** Path patterns after `/datastore/<id>`; `{s}` study, `{se}` series, `{i}` instance, `{frames}`, `{tag}`. */
const routes: ReadonlyArray<{ pattern: string; methods: Partial<Record<Method, Operation>> }> = [
  { pattern: 'studies', methods: { GET: 'SearchDICOMStudies', POST: 'StoreDICOM' } },
  { pattern: 'series', methods: { GET: 'SearchDICOMSeries' } },
  { pattern: 'instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{s}', methods: { POST: 'StoreDICOMStudy' } },
  { pattern: 'studies/{s}/series', methods: { GET: 'SearchDICOMSeries' } },
  { pattern: 'studies/{s}/instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{s}/series/{se}/instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{s}/series/{se}/metadata', methods: { GET: 'GetDICOMSeriesMetadata' } },
  { pattern: 'studies/{s}/series/{se}/instances/{i}', methods: { GET: 'GetDICOMInstance' } },
  { pattern: 'studies/{s}/series/{se}/instances/{i}/metadata', methods: { GET: 'GetDICOMInstanceMetadata' } },
  { pattern: 'studies/{s}/series/{se}/instances/{i}/frames/{frames}', methods: { GET: 'GetDICOMInstanceFrames' } },
  { pattern: 'studies/{s}/series/{se}/instances/{i}/bulkdata/{tag}', methods: { GET: 'GetDICOMBulkdata' } },
];

/** DICOMweb resources HealthImaging does not offer, with what to use instead. */
const unsupported: ReadonlyArray<{ pattern: RegExp; message: string }> = [
  {
    pattern: /^studies\/[^/]+\/metadata$/,
    message: 'Study-level metadata is not supported by HealthImaging; retrieve series metadata (OHIF: enableStudyLazyLoad: true)',
  },
  {
    pattern: /\/(rendered|thumbnail)$/,
    message: "Rendered resources and thumbnails are not supported by HealthImaging (OHIF: thumbnailRendering: 'wadors')",
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

/** The path of the datastore's resources: `/datastore/<datastoreId>`. */
export function datastorePath(datastoreId: string): string {
  return `/datastore/${datastoreId}`;
}

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
  const prefix = /^\/datastore\/([^/]*)(?:\/(.*))?$/.exec(pathname);
  if (!prefix) throw new NotFoundError('Not found: DICOMweb resources are under /datastore/<datastoreId>/');
  if (prefix[1] !== datastoreId) throw new NotFoundError(`Datastore ${clip(prefix[1] ?? '')} not found`);
  const rest = (prefix[2] ?? '').replace(/\/$/, '');
  const segments = rest.split('/');
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    const operation = route.methods[method as Method];
    if (!operation) {
      const allowed = Object.keys(route.methods);
      // A GET of /studies/{s} is a whole-study retrieve, which HealthImaging does not offer: say so, not 405.
      if (method !== 'GET' || allowed.includes('GET')) throw new MethodNotAllowedError(method, allowed);
      continue;
    }
    return { operation, ...checkParams(params, maxFramesPerRequest) };
  }
  const notOffered = unsupported.find(({ pattern }) => pattern.test(rest));
  if (notOffered) throw new NotFoundError(notOffered.message);
  throw new NotFoundError(`Not found: ${clip(rest)} is not a HealthImaging DICOMweb resource`);
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith('{')) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

function checkParams(raw: Record<string, string>, maxFramesPerRequest: number): Params {
  const params: Params = {};
  if (raw.s !== undefined) params.studyUid = checkUid(raw.s, 'StudyInstanceUID');
  if (raw.se !== undefined) params.seriesUid = checkUid(raw.se, 'SeriesInstanceUID');
  if (raw.i !== undefined) params.sopUid = checkUid(raw.i, 'SOPInstanceUID');
  if (raw.frames !== undefined) {
    if (!FRAME_LIST.test(raw.frames)) {
      throw new BadRequestError(`Invalid frame list "${clip(raw.frames)}": give frame numbers from 1, separated by commas (1,2,3)`);
    }
    params.frameNumbers = checkFrameNumbers(raw.frames.split(',').map(Number), maxFramesPerRequest);
  }
  if (raw.tag !== undefined) {
    if (!TAG.test(raw.tag)) throw new BadRequestError(`Invalid bulk data tag "${clip(raw.tag)}": give 8 hex digits (7FE00010)`);
    params.tag = raw.tag.toUpperCase();
  }
  return params;
}

/** Each frame at most once and at most `maxFrames` of them: a request may not ask for the same pixels 1000 times. */
function checkFrameNumbers(frameNumbers: number[], maxFrames: number): number[] {
  if (frameNumbers.length > maxFrames) {
    throw new BadRequestError(`The frame list names ${frameNumbers.length} frames; at most ${maxFrames} per request, so split it`);
  }
  const seen = new Set<number>();
  for (const frameNumber of frameNumbers) {
    if (seen.has(frameNumber)) throw new BadRequestError(`The frame list names frame ${frameNumber} more than once; name each frame once`);
    seen.add(frameNumber);
  }
  return frameNumbers;
}

/** @throws BadRequestError unless `value` is a DICOM UID (digits and dots, no leading zeros, at most 64 characters). */
export function checkUid(value: string, name: string): string {
  if (value.length > 64 || !UID.test(value)) {
    throw new BadRequestError(`Invalid ${name} "${clip(value)}": a UID is up to 64 digits and dots, e.g. 1.2.840.113619.2.1`);
  }
  return value;
}

/** Shortens caller-supplied text echoed in a message. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
