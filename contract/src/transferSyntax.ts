/** High-Throughput JPEG 2000 (lossless only): how HealthImaging stores every frame. */
export const htj2kTransferSyntaxUid = '1.2.840.10008.1.2.4.202';

/**
 * Accept header for frames as stored (no transcoding on the server). Without a transfer syntax HealthImaging
 * transcodes to Explicit VR Little Endian, which is slow and large.
 */
export const htj2kFramesAccept = `multipart/related; type=image/jphc; transfer-syntax=${htj2kTransferSyntaxUid}`;

/** Accept header for frames in whatever syntax the server has: the fallback after a 406 on `htj2kFramesAccept`. */
export const anySyntaxFramesAccept = 'multipart/related; type=application/octet-stream; transfer-syntax=*';

/** True when an Accept header value names the HTJ2K transfer syntax (the case a 406 fallback applies to). */
export function acceptNamesHtj2k(accept: string | null | undefined): boolean {
  return accept != null && accept.includes(`transfer-syntax=${htj2kTransferSyntaxUid}`);
}
