/**
 * Microsoft Graph's audience, as an app id and as a URL: Entra ID issues an access token for Graph when the viewer
 * asks only for `openid profile`, and nobody but Graph can verify it. (The authorizer knows the same values.)
 */
const microsoftGraphAudiences = [
  '00000003-0000-0000-c000-000000000000',
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
];

/**
 * What to change when the rejected token was issued for another API than the image service: for a Microsoft Graph
 * token, the scope the viewer must ask for (`auth.scope`) instead of `scope`. Empty when the audience says nothing.
 */
export function foreignAudienceHint(aud: string | string[] | undefined, scope: string): string {
  const audiences = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  const graph = audiences.find(audience => microsoftGraphAudiences.includes(audience));
  if (graph === undefined) return '';
  return (
    ` This token is for Microsoft Graph (audience ${graph}), not for the image service: the viewer asks for "${scope}", ` +
    "and Entra ID issues a Graph token for that. Ask for the image service's own scope as well: set auth.scope to " +
    `"${scope} api://<Application ID URI of the API>/<scope>", e.g. api://<app id>/Imaging.Read (the scope the API registration exposes).`
  );
}
