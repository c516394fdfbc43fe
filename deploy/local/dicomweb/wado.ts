import {
  chooseBulkdataRepresentation,
  chooseFrameRepresentation,
  chooseInstanceRepresentation,
  chooseJsonContentType,
  parseAccept,
} from './acceptHeader';
import type { DicomJson, DicomStoreLike } from './DicomStoreLike';
import { BadRequestError, NotFoundError } from './errors';
import type { MatchedRoute } from './matchRoute';
import { newBoundary, streamMultipart, type MultipartPart } from './multipart';
import { jsonArrayReply, jsonReply, type Reply, type StreamedReply } from './reply';
import { frameMediaType } from './transferSyntaxes';

/** What a retrieve needs besides the route. */
export interface RetrieveContext {
  store: DicomStoreLike;
  /** The absolute `.../datastore/<id>` URL: base of BulkDataURIs and Content-Locations. */
  datastoreUrl: string;
  accept: string | undefined;
}

type InstanceRoute = MatchedRoute & { studyUid: string; seriesUid: string; sopUid: string };

/** WADO-RS series metadata (GetDICOMSeriesMetadata): DICOM JSON of every instance, streamed instance by instance. */
export function seriesMetadata(route: MatchedRoute, { store, datastoreUrl, accept }: RetrieveContext): StreamedReply {
  const contentType = chooseJsonContentType(parseAccept(accept));
  const metadata = store.seriesMetadata(route.studyUid as string, route.seriesUid as string, datastoreUrl);
  if (!metadata) throw new NotFoundError(`Series ${route.seriesUid} not found in study ${route.studyUid}`);
  return jsonArrayReply(200, metadata, contentType);
}

/** WADO-RS instance metadata (GetDICOMInstanceMetadata): a list of one DICOM JSON object. */
export function instanceMetadata(route: InstanceRoute, context: RetrieveContext): Reply {
  const contentType = chooseJsonContentType(parseAccept(context.accept));
  return jsonReply(200, [findInstance(route, context)], contentType);
}

/** WADO-RS instance (GetDICOMInstance): the Part 10 file as stored. */
export async function instance(route: InstanceRoute, context: RetrieveContext): Promise<Reply | StreamedReply> {
  const storedSyntax = transferSyntaxOf(findInstance(route, context));
  const representation = chooseInstanceRepresentation(parseAccept(context.accept), storedSyntax);
  const file = await context.store.instancePart10(route.studyUid, route.seriesUid, route.sopUid);
  if (!file) throw instanceNotFound(route);
  const location = instanceUrl(route, context.datastoreUrl);
  if (representation === 'single') {
    return binaryReply(`application/dicom; transfer-syntax=${storedSyntax}`, file, { 'Content-Location': location });
  }
  return multipartReply('application/dicom', storedSyntax, onePart({ bytes: file, location }));
}

/**
 * WADO-RS frames (GetDICOMInstanceFrames): one part per frame, as stored or decoded (Accept negotiation). The frame
 * numbers are checked against the instance's NumberOfFrames first; then the frames are read (and decoded) one at a
 * time as the client takes them, so the answer never sits whole in memory and no decode holds the event loop long.
 * @throws BadRequestError naming a frame number beyond the instance's frames.
 */
export async function frames(
  route: InstanceRoute & { frameNumbers: number[] },
  context: RetrieveContext,
): Promise<StreamedReply> {
  const { store } = context;
  const metadata = findInstance(route, context);
  const storedSyntax = transferSyntaxOf(metadata);
  const representation = chooseFrameRepresentation(parseAccept(context.accept), storedSyntax);
  const { studyUid, seriesUid, sopUid, frameNumbers } = route;
  const frameCount = numberOfFrames(metadata);
  const beyond = frameNumbers.find(frameNumber => frameNumber > frameCount);
  if (beyond !== undefined) {
    throw new BadRequestError(`frame ${beyond} does not exist: instance ${sopUid} has frames 1 to ${frameCount}`);
  }
  const readFrame = async (frameNumber: number): Promise<Uint8Array> => {
    const read =
      representation.source === 'stored'
        ? (await store.storedFrames(studyUid, seriesUid, sopUid, [frameNumber]))?.frames
        : await store.frames(studyUid, seriesUid, sopUid, [frameNumber], 'explicit-little-endian');
    if (!read?.[0]) throw instanceNotFound(route);
    return read[0];
  };
  const base = instanceUrl(route, context.datastoreUrl);
  async function* parts() {
    for (const frameNumber of frameNumbers)
      yield { bytes: await readFrame(frameNumber), location: `${base}/frames/${frameNumber}` };
  }
  return multipartReply(frameMediaType(representation.transferSyntaxUid), representation.transferSyntaxUid, parts());
}

/** WADO-RS bulk data (GetDICOMBulkdata): the value of an attribute the metadata lists as a BulkDataURI. */
export async function bulkdata(
  route: InstanceRoute & { tag: string },
  context: RetrieveContext,
): Promise<Reply | StreamedReply> {
  findInstance(route, context);
  const representation = chooseBulkdataRepresentation(parseAccept(context.accept));
  const bytes = await context.store.bulkdata(route.studyUid, route.seriesUid, route.sopUid, route.tag);
  if (!bytes) throw new NotFoundError(`Instance ${route.sopUid} has no bulk data for tag ${route.tag}`);
  const location = `${instanceUrl(route, context.datastoreUrl)}/bulkdata/${route.tag}`;
  if (representation === 'single')
    return binaryReply('application/octet-stream', bytes, { 'Content-Location': location });
  return multipartReply('application/octet-stream', undefined, onePart({ bytes, location }));
}

function findInstance(route: InstanceRoute, { store, datastoreUrl }: RetrieveContext): DicomJson {
  const metadata = store.instanceMetadata(route.studyUid, route.seriesUid, route.sopUid, datastoreUrl);
  if (!metadata) throw instanceNotFound(route);
  return metadata;
}

function instanceNotFound(route: InstanceRoute): NotFoundError {
  return new NotFoundError(
    `Instance ${route.sopUid} not found in series ${route.seriesUid} of study ${route.studyUid}`,
  );
}

/** NumberOfFrames (0028,0008), 1 when absent (a single-frame image). */
function numberOfFrames(metadata: DicomJson): number {
  const value = Number(metadata['00280008']?.Value?.[0] ?? 1);
  return Number.isInteger(value) && value >= 1 ? value : 1;
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
  return {
    status: 200,
    headers: { 'Content-Type': contentType, ...headers },
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}

interface PartSource {
  bytes: Uint8Array;
  location: string;
}

async function* onePart(part: PartSource): AsyncGenerator<PartSource> {
  yield part;
}

/**
 * A streamed `multipart/related` reply: the root type and transfer syntax on the response, and on each part its
 * Content-Type (with the transfer syntax) and Content-Location.
 */
function multipartReply(
  partType: string,
  transferSyntaxUid: string | undefined,
  sources: AsyncIterable<PartSource>,
): StreamedReply {
  const boundary = newBoundary();
  const syntax = transferSyntaxUid === undefined ? '' : `; transfer-syntax=${transferSyntaxUid}`;
  async function* parts(): AsyncGenerator<MultipartPart> {
    for await (const source of sources) {
      yield {
        headers: { 'Content-Type': `${partType}${syntax}`, 'Content-Location': source.location },
        body: source.bytes,
      };
    }
  }
  return {
    status: 200,
    headers: { 'Content-Type': `multipart/related; type="${partType}"${syntax}; boundary=${boundary}` },
    chunks: streamMultipart(parts(), boundary),
  };
}
