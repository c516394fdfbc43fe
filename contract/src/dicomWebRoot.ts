import { assertMatch, assertUrl, SettingsError, SettingsPath } from 'ohif-healthimaging-validation';
import { datastorePath } from './datastorePath';
import { dicomWebOrigin } from './dicomWebOrigin';
import { healthImagingIdPattern, healthImagingIdRule } from './healthImagingId';

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A value given to `dicomWebRoot` is not what HealthImaging accepts; the message says which and why. */
export class DicomWebRootError extends SettingsError {}

const argument = (name: string) => new SettingsPath(name, (key, problem) => new DicomWebRootError(key, problem));

/**
 * The DICOMweb root of a datastore, without a trailing slash:
 * `https://dicom-medical-imaging.<region>.amazonaws.com/datastore/<datastoreId>`, or `<endpoint>/datastore/<id>`
 * for a HealthImaging-compatible service elsewhere (the local stack).
 */
export function dicomWebRoot(region: string, datastoreId: string, endpoint?: string): string {
  assertMatch(region, regionPattern, argument('region'), 'an AWS region such as us-east-1');
  assertMatch(datastoreId, healthImagingIdPattern, argument('datastoreId'), healthImagingIdRule);
  const base = endpoint ?? dicomWebOrigin(region);
  // Tokens go to this root: https, or plain http on loopback only (the local stack).
  const url = new URL(assertUrl(base, argument('endpoint'), { expected: 'an absolute http(s) URL' }));
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${datastorePath(datastoreId)}`;
}
