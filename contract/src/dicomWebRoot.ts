import { datastorePath } from './datastorePath';
import { dicomWebOrigin } from './dicomWebOrigin';
import { healthImagingIdRule, isHealthImagingId } from './healthImagingId';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A value given to `dicomWebRoot` is not what HealthImaging accepts; the message says which and why. */
export class DicomWebRootError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DicomWebRootError';
  }
}

/**
 * The DICOMweb root of a datastore, without a trailing slash:
 * `https://dicom-medical-imaging.<region>.amazonaws.com/datastore/<datastoreId>`, or `<endpoint>/datastore/<id>`
 * for a HealthImaging-compatible service elsewhere (the local stack).
 */
export function dicomWebRoot(region: string, datastoreId: string, endpoint?: string): string {
  if (!regionPattern.test(region)) {
    throw new DicomWebRootError(`region must be an AWS region such as us-east-1; got ${JSON.stringify(region)}`);
  }
  if (!isHealthImagingId(datastoreId)) {
    throw new DicomWebRootError(`datastoreId must be ${healthImagingIdRule}; got ${JSON.stringify(datastoreId)}`);
  }
  const base = endpoint ?? dicomWebOrigin(region);
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new DicomWebRootError(`endpoint must be an absolute http(s) URL; got ${JSON.stringify(base)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DicomWebRootError(`endpoint must be an absolute http(s) URL; got ${JSON.stringify(base)}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${datastorePath(datastoreId)}`;
}
