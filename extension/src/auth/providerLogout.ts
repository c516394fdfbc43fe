import type { UserManager } from 'oidc-client-ts';
import { cognitoLogoutUrl } from './cognitoEndpoints';
import type { OidcSessionSettings } from './OidcSessionSettings';

/**
 * Leaves the page for the identity provider's logout, once the session has forgotten the user: Cognito's own
 * `/logout`; else the provider's `end_session_endpoint` (with the ID token as hint); else, for a provider that has
 * none, straight to `postLogoutRedirectUri`.
 */
export async function leaveForProviderLogout(
  settings: Pick<OidcSessionSettings, 'provider' | 'cognitoDomain' | 'clientId' | 'postLogoutRedirectUri'>,
  userManager: UserManager,
  navigate: (url: string) => void,
  idToken: string | undefined,
): Promise<void> {
  if (settings.provider === 'cognito' && settings.cognitoDomain !== undefined) {
    navigate(cognitoLogoutUrl(settings.cognitoDomain, settings.clientId, settings.postLogoutRedirectUri));
    return;
  }
  const endSession = await userManager.metadataService.getEndSessionEndpoint();
  if (endSession === undefined) {
    navigate(settings.postLogoutRedirectUri);
    return;
  }
  await userManager.signoutRedirect({
    id_token_hint: idToken,
    post_logout_redirect_uri: settings.postLogoutRedirectUri,
  });
}
