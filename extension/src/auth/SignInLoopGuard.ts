import type { Clock } from './Clock';

/**
 * Remembers, across the round trip to the identity provider, when this tab last redirected there, so that a refresh
 * token refused again right after coming back does not send the user round in circles. Kept in sessionStorage:
 * per tab, survives the redirect, holds a timestamp only.
 */
export class SignInLoopGuard {
  constructor(
    private readonly storage: Storage,
    private readonly key: string,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Called just before each redirect to the identity provider. */
  recordRedirect(): void {
    this.storage.setItem(this.key, String(this.clock.now()));
  }

  /** True when a redirect happened within the window: redirecting again now would likely loop. */
  redirectedRecently(): boolean {
    const last = Number(this.storage.getItem(this.key));
    return Number.isFinite(last) && last > 0 && this.clock.now() - last < this.windowMs;
  }

  /** A refresh succeeded: the last sign-in worked, so the next refusal may redirect again. */
  clear(): void {
    this.storage.removeItem(this.key);
  }
}
