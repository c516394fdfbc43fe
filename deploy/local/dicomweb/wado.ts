import {
  chooseBulkdataRepresentation,
  chooseFrameRepresentation,
  chooseInstanceRepresentation,
  chooseJsonContentType,
  parseAccept,
} from './acceptHeader';
import type { DicomJson, DicomStoreLike } from './DicomStoreLike';
import { NotFoundError } from './errors';
import type { MatchedRoute } from './matchRoute';
import { newBoundary, writeMultipart } from './multipart';
import { jsonReply, type Reply } from './reply';
import { frameMediaType } from './transferSyntaxes';

/** What a retrieve needs besides the route. */
export interface RetrieveContext {
  store: DicomStoreLike;
  /** The absolute `.../datastore/<id>` URL: base of BulkDataURIs and Content-Locations. */
  datastoreUrl: string;
  accept: string | undefined;
}

type InstanceRoute = MatchedRoute & { studyUid: string; seriesUid: string; sopUid: string };

/** WADO-RS series metadata (GetDICOMSeriesMetadata): DICOM JSON of every instance. */
export function seriesMetadata(route: MatchedRoute, { store, datastoreUrl, accept }: RetrieveContext): Reply {
  const contentType = chooseJsonContentType(parseAccept(accept));
  const metadata = store.seriesMetadata(route.studyUid as string, route.seriesUid as string, datastoreUrl);
  if (!metadata) throw new NotFoundError(`Series ${route.seriesUid} not found in study ${route.studyUid}`);
  return jsonReply(200, metadata, contentType);
}

/** WADO-RS instance metadata (GetDICOMInstanceMetadata): a list of one DICOM JSON object. */
export function instanceMetadata(route: InstanceRoute, context: RetrieveContext): Reply {
  const contentType = chooseJsonContentType(parseAccept(context.accept));
  return jsonReply(200, [findInstance(route, context)], contentType);
}

/** WADO-RS instance (GetDICOMInstance): the Part 10 file as stored. */
export async function instance(route: InstanceRoute, context: RetrieveContext): Promise<Reply> {
  const storedSyntax = transferSyntaxOf(findInstance(route, context));
  const representation = chooseInstanceRepresentation(parseAccept(context.accept), storedSyntax);
  const file = await context.store.instancePart10(route.studyUid, route.seriesUid, route.sopUid);
  if (!file) throw instanceNotFound(route);
  const location = instanceUrl(route, context.datastoreUrl);
  if (representation === 'single') {
    return binaryReply(`application/dicom; transfer-syntax=${storedSyntax}`, file, { 'Content-Location': location });
  }
  return multipartReply('application/dicom', storedSyntax, [{ bytes: file, location }]);
}

/** WADO-RS frames (GetDICOMInstanceFrames): one part per frame, as stored or decoded (Accept negotiation). */
export async function frames(route: InstanceRoute & { frameNumbers: number[] }, context: RetrieveContext): Promise<Reply> {
  const { store } = context;
  const storedSyntax = transferSyntaxOf(findInstance(route, context));
  const representation = chooseFrameRepresentation(parseAccept(context.accept), storedSyntax);
  const { studyUid, seriesUid, sopUid, frameNumbers } = route;
  const frameBytes =
    representation.source === 'stored'
      ? (await store.storedFrames(studyUid, seriesUid, sopUid, frameNumbers))?.frames
      : await store.frames(studyUid, seriesUid, sopUid, frameNumbers, 'explicit-little-endian');
  if (!frameBytes) throw instanceNotFound(route);
  const base = instanceUrl(route, context.datastoreUrl);
  return multipartReply(
    frameMediaType(representation.transferSyntaxUid),
    representation.transferSyntaxUid,
    frameBytes.map((bytes, index) => ({ bytes, location: `${base}/frames/${frameNumbers[index]}` })),
  );
}

/** WADO-RS bulk data (GetDICOMBulkdata): the value of an attribute the metadata lists as a BulkDataURI. */
export async function bulkdata(route: InstanceRoute & { tag: string }, context: RetrieveContext): Promise<Reply> {
  findInstance(route, context);
  const representation = chooseBulkdataRepresentation(parseAccept(context.accept));
  const bytes = await context.store.bulkdata(route.studyUid, route.seriesUid, route.sopUid, route.tag);
  if (!bytes) throw new NotFoundError(`Instance ${route.sopUid} has no bulk data for tag ${route.tag}`);
  const location = `${instanceUrl(route, context.datastoreUrl)}/bulkdata/${route.tag}`;
  if (representation === 'single') return binaryReply('application/octet-stream', bytes, { 'Content-Location': location });
  return multipartReply('application/octet-stream', undefined, [{ bytes, location }]);
}

function findInstance(route: InstanceRoute, { store, datastoreUrl }: RetrieveContext): DicomJson {
  const metadata = store.instanceMetadata(route.studyUid, route.seriesUid, route.sopUid, datastoreUrl);
  if (!metadata) throw instanceNotFound(route);
  return metadata;
}

function instanceNotFound(route: InstanceRoute): NotFoundError {
  return new NotFoundError(`Instance ${route.sopUid} not found in series ${route.seriesUid} of study ${route.studyUid}`);
}

/** The stored transfer syntax, from the metadata's TransferSyntaxUID (0002,0010). */
function transferSyntaxOf(metadata: DicomJson): string {
  const value = metadata['00020010']?.Value?.[0];
  return typeof value === 'string' ? value : '1.2.840.10008.1.2.1';
}

function instanceUrl(route: InstanceRoute, datastoreUrl: string): string {
  return `${datastoreUrl}/studies/${route.studyUid}/series/${route.seriesUid}/instances/${route.sopUid}`;
}

function binaryReply(contentType: string, bytes: Uint8Array, headers: Record<string, string>): Reply {
  return { status: 200, headers: { 'Content-Type': contentType, ...headers }, body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/**
 * A `multipart/related` reply: the root type and transfer syntax on the response, and on each part its
 * Content-Type (with the transfer syntax) and Content-Location.
 */
function multipartReply(partType: string, transferSyntaxUid: string | undefined, parts: Array<{ bytes: Uint8Array; location: string }>): Reply {
  const boundary = newBoundary();
  const syntax = transferSyntaxUid === undefined ? '' : `; transfer-syntax=${transferSyntaxUid}`;
  const body = writeMultipart(
    parts.map(part => ({ headers: { 'Content-Type': `${partType}${syntax}`, 'Content-Location': part.location }, body: part.bytes })),
    boundary,
  );
  return { status: 200, headers: { 'Content-Type': `multipart/related; type="${partType}"${syntax}; boundary=${boundary}` }, body };
}
