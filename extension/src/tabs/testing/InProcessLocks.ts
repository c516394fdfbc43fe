/**
 * Web Locks for unit tests in Node, which lacks `navigator.locks`: exclusive locks by name, granted in request
 * order, `ifAvailable`, and `query()`. A stand-in for the browser's LockManager; the browser tests use the real one.
 * `crash(owner)` releases every lock an owner holds, as the browser does for a tab that goes away.
 */
export class InProcessLocks {
  private readonly held = new Map<string, string>();
  private readonly waiting = new Map<string, Array<() => void>>();

  forOwner(owner: string): Pick<LockManager, 'request' | 'query'> {
    const request = (
      name: string,
      optionsOrCallback: LockOptions | LockGrantedCallback<unknown>,
      maybeCallback?: LockGrantedCallback<unknown>,
    ) => {
      const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
      const callback = (
        typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback
      ) as LockGrantedCallback<unknown>;
      return this.request(owner, name, options, callback);
    };
    return {
      request: request as LockManager['request'],
      query: async () => ({
        held: [...this.held].map(([name, clientId]) => ({ name, clientId, mode: 'exclusive' as const })),
        pending: [],
      }),
    };
  }

  /** Releases everything `owner` holds without running its code any further. */
  crash(owner: string): void {
    for (const [name, holder] of [...this.held]) {
      if (holder === owner) this.releaseLock(name);
    }
  }

  private async request(
    owner: string,
    name: string,
    options: LockOptions,
    callback: LockGrantedCallback<unknown>,
  ): Promise<unknown> {
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>(resolve => {
        const queue = this.waiting.get(name) ?? [];
        queue.push(resolve);
        this.waiting.set(name, queue);
      });
    }
    this.held.set(name, owner);
    try {
      return await callback({ name, mode: 'exclusive' } as Lock);
    } finally {
      if (this.held.get(name) === owner) this.releaseLock(name);
    }
  }

  private releaseLock(name: string): void {
    this.held.delete(name);
    const next = this.waiting.get(name)?.shift();
    if (next !== undefined) {
      this.held.set(name, '(granted)');
      next();
    }
  }
}
