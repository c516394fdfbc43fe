import { describeOidcError } from './describeOidcError';

export interface TokenRevocationClientOptions {
  clientId: string;
  /** The provider's revocation endpoint (discovery, or Cognito's); undefined when it has none. */
  endpoint: () => Promise<string | undefined>;
  /** Sends the revocation requests: the session's window's `fetch`. */
  fetch: typeof globalThis.fetch;
}

/**
 * RFC 7009 revocation, refresh token first (ending the grant), then the access token. Done here rather than by
 * oidc-client-ts, which insists on a JSON answer where RFC 7009 answers success with an empty body. A provider
 * that cannot revoke a token type (JWT access tokens, Cognito's) says `unsupported_token_type`: expected, quiet.
 * Failures are reported with `console.warn` and never thrown: a failed revocation does not stop a sign-out.
 */
export class TokenRevocationClient {
  constructor(private readonly options: TokenRevocationClientOptions) {}

  /** Revokes the tokens given (a user's); an absent one is skipped. */
  async revoke(tokens: { refresh_token?: string; access_token?: string }): Promise<void> {
    const endpoint = await this.options.endpoint().catch(() => undefined);
    if (endpoint === undefined) {
      return;
    }
    for (const type of ['refresh_token', 'access_token'] as const) {
      const token = tokens[type];
      if (!token) {
        continue;
      }
      try {
        const response = await this.options.fetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token, token_type_hint: type, client_id: this.options.clientId }),
        });
        const answer = response.ok ? '' : await response.text();
        if (!response.ok && !answer.includes('unsupported_token_type')) {
          console.warn(`OIDC session: revoking the ${type} failed with status ${response.status}; signing out anyway`);
        }
      } catch (error) {
        console.warn(`OIDC session: revoking the ${type} failed (${describeOidcError(error)}); signing out anyway`);
      }
    }
  }
}
