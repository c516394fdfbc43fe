import type { RequestPool } from './applyRequestLimits';

interface ServicesLike {
  services: { studyPrefetcherService?: { imageLoadPoolManager?: RequestPool } };
}

/**
 * Cornerstone's image load pool, reached through what OHIF hands a mode: the study prefetcher service holds it
 * (OHIF's cornerstone extension puts it there), and OHIF also exposes cornerstone as `window.cornerstone`.
 * A mode loaded at run time cannot import cornerstone itself: a second copy would have its own pool.
 */
export function findRequestPool(
  servicesManager: ServicesLike,
  host: { cornerstone?: { imageLoadPoolManager?: RequestPool } },
): RequestPool {
  const pool =
    servicesManager.services.studyPrefetcherService?.imageLoadPoolManager ?? host.cornerstone?.imageLoadPoolManager;
  if (!pool) {
    throw new Error(
      "ohif-mode-aws-healthimaging: cornerstone's imageLoadPoolManager was not found; the mode needs OHIF's cornerstone extension (@ohif/extension-cornerstone) registered",
    );
  }
  return pool;
}
