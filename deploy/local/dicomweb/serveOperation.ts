import type { IncomingMessage } from 'node:http';
import { healthImagingIdRule, isHealthImagingId } from 'ohif-healthimaging-contract';
import type { DicomStoreLike } from './DicomStoreLike';
import { BadRequestError } from './errors';
import type { MatchedRoute } from './matchRoute';
import { search } from './qido';
import type { Reply, StreamedReply } from './reply';
import { storeInstances } from './stow';
import { bulkdata, frames, instance, instanceMetadata, seriesMetadata } from './wado';

export interface OperationContext {
  store: DicomStoreLike;
  datastoreUrl: string;
  maxStowBytes: number;
  maxStowParts: number;
  maxStowPartBytes: number;
}

/**
 * Performs an authorized DICOMweb operation. `?imageSetId=` is accepted on every operation and ignored: the local
 * store has no image sets, every instance is in the primary one.
 */
export async function serveOperation(
  route: MatchedRoute,
  request: IncomingMessage,
  url: URL,
  context: OperationContext,
): Promise<Reply | StreamedReply> {
  const imageSetId = url.searchParams.get('imageSetId');
  if (imageSetId !== null && !isHealthImagingId(imageSetId)) {
    throw new BadRequestError(`imageSetId must be ${healthImagingIdRule}, as HealthImaging image set ids`);
  }
  const retrieve = { store: context.store, datastoreUrl: context.datastoreUrl, accept: request.headers.accept };
  const { studyUid, seriesUid, sopUid, frameNumbers, tag } = route;
  const instanceRoute = {
    ...route,
    studyUid: studyUid as string,
    seriesUid: seriesUid as string,
    sopUid: sopUid as string,
  };
  switch (route.operation) {
    case 'SearchDICOMStudies':
    case 'SearchDICOMSeries':
    case 'SearchDICOMInstances':
      return search(route, url.searchParams, request.headers.accept, context.store);
    case 'GetDICOMSeriesMetadata':
      return seriesMetadata(route, retrieve);
    case 'GetDICOMInstanceMetadata':
      return instanceMetadata(instanceRoute, retrieve);
    case 'GetDICOMInstance':
      return instance(instanceRoute, retrieve);
    case 'GetDICOMInstanceFrames':
      return frames({ ...instanceRoute, frameNumbers: frameNumbers as number[] }, retrieve);
    case 'GetDICOMBulkdata':
      return bulkdata({ ...instanceRoute, tag: tag as string }, retrieve);
    case 'StoreDICOM':
    case 'StoreDICOMStudy':
      return storeInstances(route, request, context);
  }
}
