import type { Operation } from './operations';

/** The HTTP methods HealthImaging's DICOMweb API answers. */
export type DicomWebMethod = 'GET' | 'POST';

/** The path parameters a route names, as they appear in the URL (not yet checked). */
export type RouteParameters = Partial<Record<'studyUid' | 'seriesUid' | 'sopUid' | 'frameList' | 'tag', string>>;

/**
 * HealthImaging's DICOMweb resources, after `/datastore/<datastoreId>/`, and the action each method performs
 * (developer guide, "DICOMweb APIs"). A `{name}` segment is a path parameter. The one table: the local endpoint
 * serves by it, and the viewer classifies the URLs it sends by it (pacing, the 406 fallback).
 */
export const dicomWebRoutes: ReadonlyArray<{ pattern: string; methods: Partial<Record<DicomWebMethod, Operation>> }> = [
  { pattern: 'studies', methods: { GET: 'SearchDICOMStudies', POST: 'StoreDICOM' } },
  { pattern: 'series', methods: { GET: 'SearchDICOMSeries' } },
  { pattern: 'instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{studyUid}', methods: { POST: 'StoreDICOMStudy' } },
  { pattern: 'studies/{studyUid}/series', methods: { GET: 'SearchDICOMSeries' } },
  { pattern: 'studies/{studyUid}/instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/instances', methods: { GET: 'SearchDICOMInstances' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/metadata', methods: { GET: 'GetDICOMSeriesMetadata' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/instances/{sopUid}', methods: { GET: 'GetDICOMInstance' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/metadata', methods: { GET: 'GetDICOMInstanceMetadata' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/frames/{frameList}', methods: { GET: 'GetDICOMInstanceFrames' } },
  { pattern: 'studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/bulkdata/{tag}', methods: { GET: 'GetDICOMBulkdata' } },
];

/**
 * What a method and resource path come to: an `operation` with its path parameters, or a resource that exists
 * with other methods only (`allowedMethods`), or `undefined` when no route has that path.
 */
export type DicomWebRouteMatch =
  | { kind: 'operation'; operation: Operation; parameters: RouteParameters }
  | { kind: 'other-methods'; allowedMethods: DicomWebMethod[] };

/**
 * Matches `resourcePath` (the path after `/datastore/<datastoreId>/`, without a trailing slash, as
 * `parseDatastorePath` gives it) against the route table. Path parameters are returned as they are: what a valid
 * UID, frame list or tag is, and what to answer when one is not, is the server's business.
 */
export function matchDicomWebRoute(method: string, resourcePath: string): DicomWebRouteMatch | undefined {
  const segments = resourcePath.split('/');
  for (const { pattern, methods } of dicomWebRoutes) {
    const parameters = matchPattern(pattern, segments);
    if (!parameters) continue;
    const operation = methods[method as DicomWebMethod];
    if (operation) return { kind: 'operation', operation, parameters };
    return { kind: 'other-methods', allowedMethods: Object.keys(methods) as DicomWebMethod[] };
  }
  return undefined;
}

function matchPattern(pattern: string, segments: string[]): RouteParameters | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith('{')) parameters[part.slice(1, -1)] = segment;
    else if (part !== segment) return undefined;
  }
  return parameters;
}
