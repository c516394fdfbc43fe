/**
 * Amazon Cognito's hosted UI differs from OpenID Connect discovery in two places: its logout is `/logout` with
 * `client_id` and `logout_uri` (not the standard end-session parameters), and discovery does not list its
 * RFC 7009 revocation endpoint.
 */

/** Cognito's `/logout` URL, which ends the hosted UI session and returns to `logoutUri`. */
export function cognitoLogoutUrl(cognitoDomain: string, clientId: string, logoutUri: string): string {
  const logout = new URL('/logout', cognitoDomain);
  logout.searchParams.set('client_id', clientId);
  logout.searchParams.set('logout_uri', logoutUri);
  return logout.href;
}

/** Cognito's revocation endpoint, absent from its discovery document. */
export function cognitoRevocationEndpoint(cognitoDomain: string): string {
  return `${cognitoDomain}/oauth2/revoke`;
}
