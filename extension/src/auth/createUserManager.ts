import { UserManager, WebStorageStateStore, type StateStore } from 'oidc-client-ts';
import { cognitoRevocationEndpoint } from './cognitoEndpoints';
import { redirectNavigator, refusingNavigator } from './navigators';
import type { OidcSessionSettings } from './OidcSessionSettings';

export interface UserManagerStores {
  /** Where the user is kept (`storage` setting). */
  tokenStorage: Storage;
  /** The sign-in request state (PKCE verifier, returnTo): must survive the redirect in this tab only. */
  stateStore: StateStore;
  /** Keys of both stores start with this. */
  keyPrefix: string;
}

/**
 * oidc-client-ts's UserManager as the session uses it: code flow, tokens in `tokenStorage`, leaving the page only
 * through `navigate`, and none of its own timers or iframes.
 */
export function createUserManager(
  settings: OidcSessionSettings,
  stores: UserManagerStores,
  navigate: (url: string) => void,
): UserManager {
  const cognitoDomain = settings.provider === 'cognito' ? settings.cognitoDomain : undefined;
  return new UserManager(
    {
      authority: settings.authority,
      client_id: settings.clientId,
      redirect_uri: settings.redirectUri,
      post_logout_redirect_uri: settings.postLogoutRedirectUri,
      scope: settings.scope,
      response_type: 'code',
      extraQueryParams: settings.extraQueryParams,
      resource: settings.resource,
      // We schedule refreshes ourselves on our Clock, and never use the iframe-based session monitor.
      automaticSilentRenew: false,
      monitorSession: false,
      requestTimeoutInSeconds: settings.tokenRequestTimeoutSeconds,
      silentRequestTimeoutInSeconds: settings.tokenRequestTimeoutSeconds,
      userStore: new WebStorageStateStore({ store: stores.tokenStorage, prefix: `${stores.keyPrefix}oidc.` }),
      stateStore: stores.stateStore,
      metadataSeed:
        cognitoDomain === undefined ? undefined : { revocation_endpoint: cognitoRevocationEndpoint(cognitoDomain) },
    },
    redirectNavigator(navigate),
    refusingNavigator('popup'),
    refusingNavigator('iframe'),
  );
}
