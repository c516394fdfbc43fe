/**
 * What the tabs of one browser use to work together: Web Locks (held while a tab lives, released by the browser
 * when the tab closes or crashes) and BroadcastChannel (messages to the other tabs of the same origin, in memory).
 * Both stay inside the browser and the origin; nothing of it is written to disk.
 */
export interface TabEnvironment {
  locks: Pick<LockManager, 'request' | 'query'>;
  openChannel(name: string): BroadcastChannel;
  /** This tab's id, unique in the browser. */
  tabId: string;
}

/** The page's own Web Locks and BroadcastChannel; undefined where the browser lacks either (then each tab is alone). */
export function browserTabEnvironment(window: Window): TabEnvironment | undefined {
  const locks = window.navigator?.locks;
  const Channel = (window as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  if (locks === undefined || Channel === undefined) return undefined;
  return { locks, openChannel: name => new Channel(name), tabId: window.crypto.randomUUID() };
}

/**
 * Holds the lock `name` until the returned function is called (or the tab goes away). Resolves once the lock is
 * held.
 */
export async function holdLock(
  locks: TabEnvironment['locks'],
  name: string,
  options: LockOptions = {},
): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>(resolve => {
    release = resolve;
  });
  await new Promise<void>((granted, failed) => {
    locks
      .request(name, options, () => {
        granted();
        return released;
      })
      .catch(failed);
  });
  return release;
}

/** How many locks whose names start with `prefix` are held in the browser right now. */
export async function countHeldLocks(locks: TabEnvironment['locks'], prefix: string): Promise<number> {
  const snapshot = await locks.query();
  return (snapshot.held ?? []).filter(lock => lock.name?.startsWith(prefix)).length;
}
