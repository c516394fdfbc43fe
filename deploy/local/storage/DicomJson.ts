import type { DcmjsDataset, DcmjsElement } from './dcmjsApi';

/** One attribute in the DICOM JSON model (PS3.18 F.2). */
export interface DicomJsonElement {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** A data set in the DICOM JSON model, keyed by 8-digit upper-case hex tag. */
export type DicomJson = Record<string, DicomJsonElement>;

/** Binary attributes larger than this are served by BulkDataURI, as HealthImaging does. */
export const BULK_DATA_THRESHOLD_BYTES = 1024 * 1024;

const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const PIXEL_DATA = '7FE00010';

/** A data set converted to DICOM JSON, with the top-level attributes left out because they are bulk data. */
export interface ConvertedDataSet {
  metadata: DicomJson;
  /** Tag → VR of the attributes served by BulkDataURI (pixel data and top-level binaries over 1 MB). */
  bulkTags: Record<string, string>;
}

/**
 * Converts a dcmjs data set to DICOM JSON. Binary values go inline (base64) unless they are pixel data or a
 * top-level binary over 1 MB; nested binaries always go inline. Strings lose their padding.
 */
export function toDicomJson(dict: DcmjsDataset, pixelDataVr?: string): ConvertedDataSet {
  const metadata: DicomJson = {};
  const bulkTags: Record<string, string> = {};
  for (const tag of Object.keys(dict).sort()) {
    const element = dict[tag];
    if (!element) continue;
    if (BINARY_VRS.has(element.vr) && (tag === PIXEL_DATA || binaryLength(element) > BULK_DATA_THRESHOLD_BYTES)) {
      bulkTags[tag] = element.vr;
      continue;
    }
    metadata[tag] = convertElement(element);
  }
  if (pixelDataVr) bulkTags[PIXEL_DATA] = pixelDataVr;
  return { metadata, bulkTags };
}

function convertElement(element: DcmjsElement): DicomJsonElement {
  const { vr } = element;
  const values = element.Value ?? [];
  if (BINARY_VRS.has(vr)) {
    const parts = values.filter((value): value is ArrayBuffer => value instanceof ArrayBuffer);
    return parts.length
      ? { vr, InlineBinary: Buffer.concat(parts.map(part => Buffer.from(part))).toString('base64') }
      : { vr };
  }
  if (vr === 'SQ') {
    const items = values.map(item => toDicomJsonItem(item as DcmjsDataset));
    return items.length ? { vr, Value: items } : { vr };
  }
  const converted = values.map(value =>
    vr === 'PN'
      ? trimPersonName(value)
      : vr === 'AT'
        ? attributeTag(value)
        : typeof value === 'string'
          ? value.trim()
          : value,
  );
  // DICOM JSON has no empty strings: an attribute without a value has no Value, an empty one in a list is null.
  if (!converted.some(isMeaningful)) return { vr };
  return { vr, Value: converted.map(value => (isMeaningful(value) ? value : null)) };
}

/** False for what DICOM JSON cannot carry or that says nothing: '', null, NaN, a person name with no component. */
function isMeaningful(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'number') return !Number.isNaN(value);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function toDicomJsonItem(item: DcmjsDataset): DicomJson {
  const converted: DicomJson = {};
  for (const tag of Object.keys(item).sort()) {
    const element = item[tag];
    if (element) converted[tag] = convertElement(element);
  }
  return converted;
}

/** An AT value as DICOM JSON writes it (PS3.18 F.2.3): 8 hex digits, group then element; dcmjs reads a number. */
function attributeTag(value: unknown): unknown {
  return typeof value === 'number' ? value.toString(16).toUpperCase().padStart(8, '0') : value;
}

function trimPersonName(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const trimmed: Record<string, string> = {};
  for (const [group, text] of Object.entries(value)) {
    if (typeof text === 'string' && text.trim()) trimmed[group] = text.trim();
  }
  return trimmed;
}

function binaryLength(element: DcmjsElement): number {
  return (element.Value ?? []).reduce<number>(
    (sum, value) => sum + (value instanceof ArrayBuffer ? value.byteLength : 0),
    0,
  );
}
