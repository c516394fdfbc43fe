import { htj2kTransferSyntaxUid } from 'ohif-healthimaging-contract';

/** The transfer syntaxes the endpoint names in Accept negotiation and in its responses. */
export const TransferSyntax = {
  /** Uncompressed; what HealthImaging transcodes frames to when no transfer syntax is asked. */
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  /** High-Throughput JPEG 2000 lossless with RPCL progression: how HealthImaging stores pixel data. */
  htj2kLosslessRpcl: htj2kTransferSyntaxUid,
} as const;

/** Media types of single frames by transfer syntax (PS3.18 table 8.7.3-2); others are sent as octet-stream. */
const frameMediaTypes: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'image/jpeg',
  '1.2.840.10008.1.2.4.51': 'image/jpeg',
  '1.2.840.10008.1.2.4.57': 'image/jpeg',
  '1.2.840.10008.1.2.4.70': 'image/jpeg',
  '1.2.840.10008.1.2.4.80': 'image/jls',
  '1.2.840.10008.1.2.4.81': 'image/jls',
  '1.2.840.10008.1.2.4.90': 'image/jp2',
  '1.2.840.10008.1.2.4.91': 'image/jp2',
  '1.2.840.10008.1.2.4.201': 'image/jphc',
  '1.2.840.10008.1.2.4.202': 'image/jphc',
  '1.2.840.10008.1.2.4.203': 'image/jphc',
  '1.2.840.10008.1.2.5': 'image/dicom-rle',
};

/** The media type of a frame encoded in `transferSyntaxUid` (`application/octet-stream` for uncompressed ones). */
export function frameMediaType(transferSyntaxUid: string): string {
  return frameMediaTypes[transferSyntaxUid] ?? 'application/octet-stream';
}
