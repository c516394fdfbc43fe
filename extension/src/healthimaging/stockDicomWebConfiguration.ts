import { htj2kFramesAccept } from 'ohif-healthimaging-contract';

/**
 * The configuration OHIF's stock DICOMweb data source (`@ohif/extension-default.dataSourcesModule.dicomweb`) needs
 * to talk to HealthImaging's DICOMweb API, whose differences from a general DICOMweb server are:
 * - no study-level `/metadata`: studies load series by series (`enableStudyLazyLoad`);
 * - no `/rendered` and no `/thumbnail`: thumbnails are drawn from frames (`thumbnailRendering: 'wadors'`);
 * - frames are stored as HTJ2K: asking for that syntax avoids a slow, large server-side transcode to Explicit VR
 *   Little Endian (the HTTP layer retries a 406 with `transfer-syntax=*`);
 * - no `includefield`, fuzzy matching or wildcards in QIDO-RS;
 * - no DICOM reject, and no upload from the viewer (STOW goes through the import tool, with an importer's token).
 */
export function stockDicomWebConfiguration(
  sourceName: string,
  friendlyName: string,
  root: string,
): Record<string, unknown> {
  return {
    name: sourceName,
    friendlyName,
    wadoUriRoot: root,
    qidoRoot: root,
    wadoRoot: root,
    qidoSupportsIncludeField: false,
    supportsReject: false,
    supportsFuzzyMatching: false,
    supportsWildcard: false,
    imageRendering: 'wadors',
    thumbnailRendering: 'wadors',
    enableStudyLazyLoad: true,
    staticWado: false,
    singlepart: false,
    dicomUploadEnabled: false,
    bulkDataURI: { enabled: true },
    omitQuotationForMultipartRequest: true,
    acceptHeader: [htj2kFramesAccept],
  };
}
