/**
 * HealthImaging reaches only an image set's *primary* copy unless a request names the image set with
 * `?imageSetId=`. With an image set configured, every request to the datastore carries it.
 */
export function withImageSetId(url: string, imageSetId: string | undefined): string {
  if (imageSetId === undefined) {
    return url;
  }
  const parsed = new URL(url);
  parsed.searchParams.set('imageSetId', imageSetId);
  return parsed.href;
}
