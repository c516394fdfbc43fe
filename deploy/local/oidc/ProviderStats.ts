/** What the provider has been asked since start (or the last reset); served at `GET /__local/stats`. */
export interface OidcProviderStats {
  /** Token endpoint requests by `grant_type` (`authorization_code`, `refresh_token`, ...), answered or refused. */
  tokenRequests: Record<string, number>;
  /** Of those, the ones refused with an OAuth error (e.g. a reused refresh token), by `grant_type`. */
  refusedTokenRequests: Record<string, number>;
  /** Requests to the authorization endpoint (sign-in starts, silent or not). */
  authorizationRequests: number;
  /** Requests to the revocation endpoint. */
  revocations: number;
  /** Requests to the end-session (RP-initiated logout) endpoint. */
  endSessions: number;
}

/** Counts the provider's requests by route (the route names of oidc-provider). */
export class ProviderStats {
  private counts = ProviderStats.empty();

  private static empty(): OidcProviderStats {
    return { tokenRequests: {}, refusedTokenRequests: {}, authorizationRequests: 0, revocations: 0, endSessions: 0 };
  }

  /** Records one answered request; `grantType` only matters for the token route. */
  record(route: string, grantType: string | undefined, refused: boolean): void {
    switch (route) {
      case 'token': {
        const key = grantType ?? '(none)';
        this.counts.tokenRequests[key] = (this.counts.tokenRequests[key] ?? 0) + 1;
        if (refused) this.counts.refusedTokenRequests[key] = (this.counts.refusedTokenRequests[key] ?? 0) + 1;
        break;
      }
      case 'authorization':
        this.counts.authorizationRequests += 1;
        break;
      case 'revocation':
        this.counts.revocations += 1;
        break;
      case 'end_session':
        this.counts.endSessions += 1;
        break;
    }
  }

  snapshot(): OidcProviderStats {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = ProviderStats.empty();
  }
}
