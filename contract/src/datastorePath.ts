/** The path of a datastore's DICOMweb resources: `/datastore/<datastoreId>`. */
export function datastorePath(datastoreId: string): string {
  return `/datastore/${datastoreId}`;
}

/** A URL path split around `/datastore/<datastoreId>`. */
export interface DatastorePath {
  /** What comes before `/datastore/`: `''` on HealthImaging, e.g. `/dicomweb` behind a viewer's CDN path. */
  basePath: string;
  datastoreId: string;
  /** What comes after `/datastore/<datastoreId>/`, without a trailing slash: `studies/1.2/series`, or `''`. */
  resourcePath: string;
}

const datastorePathPattern = /^(.*?)\/datastore\/([^/]*)(?:\/(.*))?$/;

/** Splits a URL path at its first `/datastore/<id>`; `undefined` when it has none. */
export function parseDatastorePath(pathname: string): DatastorePath | undefined {
  const match = datastorePathPattern.exec(pathname);
  if (!match) return undefined;
  return { basePath: match[1] ?? '', datastoreId: match[2] ?? '', resourcePath: (match[3] ?? '').replace(/\/$/, '') };
}
