import { isRequestPriority, type RequestPriority } from './requestPriority';

/** What we use of cornerstone's image load pool (`imageLoadPoolManager`, a `RequestPoolManager`). */
export interface ImageLoadPool {
  addRequest(requestFn: () => unknown, type: string, additionalDetails?: unknown, priority?: number): unknown;
}

/** Where cornerstone's pool can be found by a runtime extension (the mode finds it the same way). */
interface HostWithCornerstone {
  cornerstone?: { imageLoadPoolManager?: ImageLoadPool };
}

/**
 * Tells `onRequest` the URL and priority of every image request cornerstone queues in its pool, so that our pacer
 * knows what the reader is looking at (interaction) from what is loaded ahead (prefetch). The request itself is
 * left to the pool unchanged; returns the function that stops watching. Image ids name the URL behind a loader
 * scheme (`wadors:https://...`); cornerstone's `compute` requests count as prefetch.
 */
export function watchImageLoadPool(
  pool: ImageLoadPool,
  onRequest: (url: string, priority: RequestPriority) => void,
): () => void {
  const original = pool.addRequest;
  const watching: ImageLoadPool['addRequest'] = function (
    this: ImageLoadPool,
    requestFn,
    type,
    additionalDetails,
    priority,
  ) {
    const url = imageUrl(additionalDetails);
    if (url !== undefined) onRequest(url, isRequestPriority(type) ? type : 'prefetch');
    return original.call(this, requestFn, type, additionalDetails, priority);
  };
  pool.addRequest = watching;
  return () => {
    if (pool.addRequest === watching) pool.addRequest = original;
  };
}

/** Cornerstone's pool from the page, once OHIF's cornerstone extension has started; undefined before. */
export function findImageLoadPool(host: HostWithCornerstone): ImageLoadPool | undefined {
  return host.cornerstone?.imageLoadPoolManager;
}

function imageUrl(additionalDetails: unknown): string | undefined {
  const imageId = (additionalDetails as { imageId?: unknown } | undefined)?.imageId;
  if (typeof imageId !== 'string') return undefined;
  const match = /^[a-z][a-z0-9+.-]*:(?=https?:\/\/)/i.exec(imageId);
  return match === null ? undefined : imageId.slice(match[0].length);
}
