import type { Operation } from './operations';

/** The HTTP methods HealthImaging's DICOMweb API answers. */
export type DicomWebMethod = 'GET' | 'POST';

/** The path parameters a route names, as they appear in the URL (not yet checked). */
export type RouteParameters = Partial<Record<'studyUid' | 'seriesUid' | 'sopUid' | 'frameList' | 'tag', string>>;

/**
 * HealthImaging's DICOMweb resources, `<method> <path after /datastore/<datastoreId>/>`, and the action each
 * performs (developer guide, "DICOMweb APIs"). A `{name}` segment is a path parameter. The one table: the local
 * endpoint serves by it, and the viewer classifies the URLs it sends by it (pacing, the 406 fallback).
 */
export const dicomWebRoutes: Readonly<Record<string, Operation>> = {
  'GET studies': 'SearchDICOMStudies',
  'POST studies': 'StoreDICOM',
  'GET series': 'SearchDICOMSeries',
  'GET instances': 'SearchDICOMInstances',
  'POST studies/{studyUid}': 'StoreDICOMStudy',
  'GET studies/{studyUid}/series': 'SearchDICOMSeries',
  'GET studies/{studyUid}/instances': 'SearchDICOMInstances',
  'GET studies/{studyUid}/series/{seriesUid}/instances': 'SearchDICOMInstances',
  'GET studies/{studyUid}/series/{seriesUid}/metadata': 'GetDICOMSeriesMetadata',
  'GET studies/{studyUid}/series/{seriesUid}/instances/{sopUid}': 'GetDICOMInstance',
  'GET studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/metadata': 'GetDICOMInstanceMetadata',
  'GET studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/frames/{frameList}': 'GetDICOMInstanceFrames',
  'GET studies/{studyUid}/series/{seriesUid}/instances/{sopUid}/bulkdata/{tag}': 'GetDICOMBulkdata',
};

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
  const allowedMethods: DicomWebMethod[] = [];
  for (const [route, operation] of Object.entries(dicomWebRoutes)) {
    const [routeMethod, pattern] = route.split(' ') as [DicomWebMethod, string];
    const parameters = matchPattern(pattern, segments);
    if (!parameters) continue;
    if (routeMethod === method) return { kind: 'operation', operation, parameters };
    allowedMethods.push(routeMethod);
  }
  return allowedMethods.length > 0 ? { kind: 'other-methods', allowedMethods } : undefined;
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
