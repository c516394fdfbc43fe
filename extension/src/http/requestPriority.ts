/**
 * Which of the viewer's requests goes first when the quota cannot serve them all at once: what the reader is looking
 * at, then the study browser's thumbnails, then frames loaded ahead of the reader. Cornerstone's image load pool
 * names the same three kinds (`interaction`, `thumbnail`, `prefetch`).
 */
export type RequestPriority = 'interaction' | 'thumbnail' | 'prefetch';

/** Lower runs first. */
export const priorityRank: Readonly<Record<RequestPriority, number>> = { interaction: 0, thumbnail: 1, prefetch: 2 };

export function isRequestPriority(value: unknown): value is RequestPriority {
  return typeof value === 'string' && Object.hasOwn(priorityRank, value);
}
