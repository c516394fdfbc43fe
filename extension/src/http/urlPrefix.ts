/** True when an absolute URL equals `prefix` (no trailing slash) or continues it with `/`, `?` or `#`. */
export function isUnderPrefix(absoluteUrl: string, prefix: string): boolean {
  return (
    absoluteUrl.startsWith(prefix) &&
    (absoluteUrl.length === prefix.length || /^[/?#]/.test(absoluteUrl.slice(prefix.length)))
  );
}

/**
 * A URL prefix in the form `isUnderPrefix` compares with: absolute, normalised by the URL parser, without trailing
 * slashes (`https://host/datastore/<id>/` and `https://HOST/datastore/<id>` are the same prefix).
 * @throws TypeError for a prefix that is not an absolute URL.
 */
export function normalisePrefix(prefix: string): string {
  let url: URL;
  try {
    url = new URL(prefix);
  } catch {
    throw new TypeError(
      `urlPrefixes must be absolute URLs such as https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/<id>; got ${JSON.stringify(prefix)}`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
