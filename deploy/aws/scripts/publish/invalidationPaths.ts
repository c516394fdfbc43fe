import type { PublishPlan } from './planPublish';
import { cachingFor } from '../../../viewer/cachePolicy';

/** How invalidation paths are chosen. */
export interface InvalidationPathOptions {
  /**
   * Above this many paths a single `/*` is used instead (CloudFront bills each listed path; a wildcard counts as
   * one). Default 15.
   */
  maxPaths?: number;
}

/**
 * The CloudFront paths to invalidate after a publish: only changed or deleted files whose names carry no content
 * hash (index.html, app-config.js, unhashed assets). Hashed files get new names when they change, so no cache
 * can hold a stale copy. The viewer's routes (`/viewer`, `/callback`...) are rewritten to `/index.html` by the
 * distribution's viewer-request function before the cache lookup, so invalidating `/index.html` (and `/`)
 * covers them. Returns `[]` when nothing cached can be stale.
 */
export function invalidationPaths(plan: PublishPlan, options: InvalidationPathOptions = {}): string[] {
  const maxPaths = options.maxPaths ?? 15;
  const keys = [
    ...plan.uploads.filter(file => !file.immutable).map(file => file.key),
    ...plan.deletes.filter(key => cachingFor(key) !== 'immutable'),
  ];
  const paths = new Set(keys.map(key => encodeURI(`/${key}`)));
  if (paths.has('/index.html')) paths.add('/');
  if (paths.size > maxPaths) return ['/*'];
  return [...paths].sort();
}
