/** Where the import gets its bearer token. Tokens are never logged or put in error messages. */
export interface TokenSource {
  /** A token to send now (cached while it is valid). */
  getToken(): Promise<string>;
  /**
   * Called when the server refused the token (401, or 403 "Invalid or Expired Token"): returns a new one, or
   * `undefined` when this source cannot renew (a given token).
   */
  renewToken(): Promise<string | undefined>;
}

/** A token given by the user (`--token-file`, `IMPORT_ACCESS_TOKEN`): used as is, never renewed. */
export function staticTokenSource(token: string): TokenSource {
  return { getToken: async () => token, renewToken: async () => undefined };
}
