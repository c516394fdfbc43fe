import { parseDatastorePath } from './datastorePath';
import { matchDicomWebRoute } from './dicomWebRoutes';
import type { Operation } from './operations';

// Only to resolve a relative URL: nothing is ever sent there.
const relativeUrlBase = 'http://relative-url.invalid';

/**
 * The HealthImaging action a request to `url` performs (`GetDICOMInstanceFrames`, ...), by the route table;
 * `undefined` for a URL outside a datastore or for a resource HealthImaging does not serve. The query
 * (`?imageSetId=`) plays no part.
 */
export function dicomWebUrlOperation(url: string, method = 'GET'): Operation | undefined {
  const path = parseDatastorePath(new URL(url, relativeUrlBase).pathname);
  if (!path) return undefined;
  const match = matchDicomWebRoute(method, path.resourcePath);
  return match?.kind === 'operation' ? match.operation : undefined;
}
