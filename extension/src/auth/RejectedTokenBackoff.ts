/**
 * A token rejected within this long of the refresh that a rejection already caused is not refreshed again: the
 * refresh did not help, so the next one waits (at most one per this while the rejection lasts).
 */
export const rejectedTokenBackoffMs = 30_000;

/**
 * Decides whether the service's rejection of a token is worth a refresh. A refresh for a rejection helps once:
 * when the token it brought is rejected too, seconds later, the authorizer does not accept this provider's tokens
 * (issuer, audience, client id) or a clock is wrong, and refreshing at every request would flood the provider and
 * change nothing. Only the token such a refresh brought counts: the other requests of a storm, rejected with the
 * token being replaced, join that refresh.
 */
export class RejectedTokenBackoff {
  /** The token the last rejection-caused refresh brought, and when that refresh started. */
  private refreshedFor: { token: string | undefined; at: number } | undefined;

  /** True when `rejectedToken` is the one a rejection-caused refresh brought less than the backoff ago. */
  shouldWait(rejectedToken: string, nowMs: number): boolean {
    const last = this.refreshedFor;
    return last !== undefined && last.token === rejectedToken && nowMs - last.at < rejectedTokenBackoffMs;
  }

  /** Runs the refresh for a rejection and remembers the token it brought (`currentToken` after it). */
  async refreshFor(nowMs: number, refresh: () => Promise<void>, currentToken: () => string | undefined): Promise<void> {
    await refresh();
    this.refreshedFor = { token: currentToken(), at: nowMs };
  }
}
