import { requestTypes, type RequestLimits } from './RequestLimits';

/** The part of cornerstone's `imageLoadPoolManager` the mode uses. The pool re-reads its limits on every pump. */
export interface RequestPool {
  getMaxSimultaneousRequests(type: string): number;
  setMaxSimultaneousRequests(type: string, maxNumRequests: number): void;
}

/** Sets the pool's limits and returns a function that puts back the ones it found. */
export function applyRequestLimits(pool: RequestPool, limits: RequestLimits): () => void {
  const previous = requestTypes.map(type => [type, pool.getMaxSimultaneousRequests(type)] as const);
  for (const type of requestTypes) {
    pool.setMaxSimultaneousRequests(type, limits[type]);
  }
  return () => {
    for (const [type, value] of previous) {
      pool.setMaxSimultaneousRequests(type, value);
    }
  };
}
