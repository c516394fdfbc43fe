/**
 * A datastore id or an image set id: 32 characters of lowercase letters and digits. This is the pattern the AWS
 * HealthImaging API reference gives for both (`datastoreId`, `imageSetId`: `[0-9a-z]{32}`). Ids seen so far are
 * hex, but the reference does not promise it, so hex-only checks would refuse ids the service may hand out.
 */
export const healthImagingIdPattern = /^[0-9a-z]{32}$/;

/** What to write in a message refusing an id, e.g. `datastoreId must be ${healthImagingIdRule}`. */
export const healthImagingIdRule = '32 lowercase letters and digits';

export function isHealthImagingId(value: unknown): value is string {
  return typeof value === 'string' && healthImagingIdPattern.test(value);
}
