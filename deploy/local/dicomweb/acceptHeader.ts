import { NotAcceptableError } from './errors';
import { parseMediaType, splitOutsideQuotes, type MediaType } from './mediaType';
import { TransferSyntax } from './transferSyntaxes';

/** One range of an Accept header with its quality. */
export interface AcceptedRange extends MediaType {
  /** Quality 0 < q ≤ 1 (ranges with q=0 are dropped). */
  q: number;
}

/**
 * The ranges of an Accept header, most preferred first (by q, then in header order). A missing or empty header
 * accepts anything (`*\/*`); ranges that do not parse are skipped, so a header with none left accepts nothing.
 */
export function parseAccept(header: string | undefined): AcceptedRange[] {
  if (header === undefined || header.trim() === '') return [{ essence: '*/*', params: {}, q: 1 }];
  const ranges: AcceptedRange[] = [];
  for (const text of splitOutsideQuotes(header, ',')) {
    const mediaType = parseMediaType(text);
    if (!mediaType) continue;
    const { q: rawQ, ...params } = mediaType.params;
    const q = rawQ === undefined ? 1 : Number(rawQ);
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    ranges.push({ essence: mediaType.essence, params, q });
  }
  // Array.prototype.sort is stable: equal qualities keep the header's order.
  return ranges.sort((a, b) => b.q - a.q);
}

/** How frames are sent: as stored, or decoded to Explicit VR Little Endian. */
export interface FrameRepresentation {
  source: 'stored' | 'explicit-little-endian';
  /** The transfer syntax of the frames sent. */
  transferSyntaxUid: string;
}

/**
 * Picks how to send frames stored as `storedSyntaxUid` (HealthImaging: HTJ2K):
 * `type=image/jphc` (transfer syntax absent or 1.2.840.10008.1.2.4.202) → HTJ2K; `transfer-syntax=*` → as stored;
 * no transfer syntax with `application/octet-stream` or `*\/*`, or `transfer-syntax=1.2.840.10008.1.2.1` →
 * Explicit VR Little Endian (decoded from HTJ2K); the stored syntax's own UID → as stored.
 * @throws NotAcceptableError when no range asks for something producible.
 */
export function chooseFrameRepresentation(ranges: AcceptedRange[], storedSyntaxUid: string): FrameRepresentation {
  for (const range of ranges) {
    const wanted = wantedFrameSyntax(range);
    if (wanted === undefined) continue;
    if (wanted === '*' || wanted === storedSyntaxUid) return { source: 'stored', transferSyntaxUid: storedSyntaxUid };
    if (wanted === TransferSyntax.explicitLittleEndian && storedSyntaxUid === TransferSyntax.htj2kLosslessRpcl) {
      return { source: 'explicit-little-endian', transferSyntaxUid: TransferSyntax.explicitLittleEndian };
    }
  }
  const uncompressed =
    storedSyntaxUid === TransferSyntax.htj2kLosslessRpcl
      ? `, or ${TransferSyntax.explicitLittleEndian} (uncompressed)`
      : '';
  throw new NotAcceptableError(
    `Cannot send these frames in the transfer syntax the Accept header asks for: they are stored as ${storedSyntaxUid}. ` +
      `Ask for multipart/related with transfer-syntax=${storedSyntaxUid} or transfer-syntax=*${uncompressed}.`,
  );
}

/** The transfer syntax UID (or `*`) a frame range asks for; undefined for ranges that cannot describe frames. */
function wantedFrameSyntax(range: AcceptedRange): string | undefined {
  const syntax = range.params['transfer-syntax'];
  let partType: string;
  if (range.essence === 'multipart/related') partType = (range.params.type ?? 'application/octet-stream').toLowerCase();
  else if (range.essence === '*/*' || range.essence === 'multipart/*') partType = '*/*';
  else return undefined;
  if (syntax !== undefined) return syntax;
  if (partType === 'image/jphc') return TransferSyntax.htj2kLosslessRpcl;
  if (partType === 'application/octet-stream' || partType === '*/*') return TransferSyntax.explicitLittleEndian;
  return undefined;
}

/** How a Part 10 instance is sent: one part of `multipart/related; type="application/dicom"`, or the bare file. */
export type InstanceRepresentation = 'multipart' | 'single';

/**
 * Picks how to send a Part 10 instance stored as `storedSyntaxUid`. The file is always sent as stored; a range
 * naming another transfer syntax is not satisfiable (HealthImaging could transcode to Explicit VR Little Endian).
 * @throws NotAcceptableError when no range accepts `application/dicom` in the stored syntax.
 */
export function chooseInstanceRepresentation(ranges: AcceptedRange[], storedSyntaxUid: string): InstanceRepresentation {
  for (const range of ranges) {
    const syntax = range.params['transfer-syntax'];
    if (syntax !== undefined && syntax !== '*' && syntax !== storedSyntaxUid) continue;
    if (range.essence === 'application/dicom') return 'single';
    if (
      range.essence === 'multipart/related' &&
      ['application/dicom', '*/*'].includes(range.params.type?.toLowerCase() ?? 'application/dicom')
    ) {
      return 'multipart';
    }
    if (range.essence === '*/*' || range.essence === 'multipart/*' || range.essence === 'application/*')
      return 'multipart';
  }
  throw new NotAcceptableError(
    `Cannot send this instance as the Accept header asks: it is stored as ${storedSyntaxUid}. ` +
      `Ask for multipart/related; type="application/dicom"; transfer-syntax=* (or ${storedSyntaxUid}).`,
  );
}

/** How bulk data is sent: one part of `multipart/related; type="application/octet-stream"`, or bare bytes. */
export type BulkdataRepresentation = 'multipart' | 'single';

/** @throws NotAcceptableError when no range accepts `application/octet-stream`. */
export function chooseBulkdataRepresentation(ranges: AcceptedRange[]): BulkdataRepresentation {
  for (const range of ranges) {
    if (range.essence === 'application/octet-stream') return 'single';
    const partType = range.params.type?.toLowerCase() ?? 'application/octet-stream';
    if (range.essence === 'multipart/related' && (partType === 'application/octet-stream' || partType === '*/*')) {
      return 'multipart';
    }
    if (range.essence === '*/*' || range.essence === 'multipart/*' || range.essence === 'application/*')
      return 'multipart';
  }
  throw new NotAcceptableError(
    'Bulk data is sent as application/octet-stream or multipart/related; type="application/octet-stream"; ' +
      'the Accept header allows neither.',
  );
}

/**
 * The content type for DICOM JSON (search results, metadata): `application/dicom+json`, or `application/json`
 * when the client prefers that.
 * @throws NotAcceptableError when no range accepts JSON.
 */
export function chooseJsonContentType(ranges: AcceptedRange[]): string {
  for (const range of ranges) {
    if (range.essence === 'application/json') return 'application/json';
    if (['application/dicom+json', 'application/*', '*/*'].includes(range.essence)) return 'application/dicom+json';
  }
  throw new NotAcceptableError('This resource is DICOM JSON; accept application/dicom+json or application/json.');
}
