import { chooseJsonContentType, parseAccept } from './acceptHeader';
import type { DicomStoreLike, Page } from './DicomStoreLike';
import { BadRequestError } from './errors';
import type { MatchedRoute } from './matchRoute';
import { jsonArrayReply, type StreamedReply } from './reply';

/** HealthImaging's QIDO-RS paging bounds. */
export const maxLimit = 1000;
export const maxOffset = 1_000_000;

/** Query parameters that are not attribute filters. `imageSetId` is accepted (every instance here is primary). */
const controlParameters = new Set(['limit', 'offset', 'imageSetId']);

/**
 * QIDO-RS search (SearchDICOMStudies / Series / Instances): attribute filters from the query string (a repeated
 * key's values joined with `,`), `limit` 1.. (default 1000, larger values give 1000), `offset` 0..1,000,000.
 * An unknown study or series yields an empty list, as any search without matches.
 */
export function search(
  route: MatchedRoute,
  query: URLSearchParams,
  accept: string | undefined,
  store: DicomStoreLike,
): StreamedReply {
  const contentType = chooseJsonContentType(parseAccept(accept));
  const filters: Record<string, string> = {};
  for (const key of new Set(query.keys())) {
    if (!controlParameters.has(key)) filters[key] = query.getAll(key).join(',');
  }
  const page = parsePage(query);
  const rows =
    route.operation === 'SearchDICOMStudies'
      ? store.searchStudies(filters, page)
      : route.operation === 'SearchDICOMSeries'
        ? store.searchSeries(route.studyUid, filters, page)
        : store.searchInstances(route.studyUid, route.seriesUid, filters, page);
  return jsonArrayReply(200, rows, contentType);
}

function parsePage(query: URLSearchParams): Page {
  const limit = wholeNumber(query.get('limit'), 'limit');
  const offset = wholeNumber(query.get('offset'), 'offset');
  if (limit !== undefined && limit < 1) throw new BadRequestError(`limit must be from 1 to ${maxLimit}, got ${limit}`);
  if (offset !== undefined && offset > maxOffset) {
    throw new BadRequestError(`offset must be from 0 to ${maxOffset} (HealthImaging's limit), got ${offset}`);
  }
  return { limit: limit === undefined ? maxLimit : Math.min(limit, maxLimit), offset: offset ?? 0 };
}

function wholeNumber(text: string | null, name: string): number | undefined {
  if (text === null) return undefined;
  if (!/^[0-9]{1,10}$/.test(text))
    throw new BadRequestError(`${name} must be a whole number, got "${text.slice(0, 20)}"`);
  return Number(text);
}
