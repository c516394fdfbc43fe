import type { OidcSession } from '../auth/OidcSession';
import type { ServicesManagerLike } from '../ohifTypes';
import type { SessionControls } from './SessionControls';

/**
 * Hands OHIF's userAuthenticationService our session. OHIF reads `getAuthorizationHeader()` synchronously for
 * every request it builds; the HTTP layer sets the header again on each attempt anyway (after a refresh, the new
 * token), so this is the first line, not the only one. `handleUnauthenticated` (OHIF calls it on a 401/403 it sees)
 * never redirects by itself: our retries already ran, so it asks the user.
 */
export function connectUserAuthenticationService(
  servicesManager: ServicesManagerLike,
  session: OidcSession,
  controls: SessionControls,
): void {
  const service = servicesManager.services.userAuthenticationService;
  if (service === undefined) {
    throw new Error("OHIF's userAuthenticationService is missing: this extension needs OHIF 3.13's core services");
  }
  service.setServiceImplementation({
    getState: () => ({ user: session.user ?? null }),
    getUser: () => session.user ?? null,
    getAuthorizationHeader: (): Record<string, string> => {
      const token = session.getAccessToken();
      return token === undefined ? {} : { Authorization: `Bearer ${token}` };
    },
    handleUnauthenticated: () =>
      controls.showSignInRequired('The server did not accept your session. Sign in again to go on where you were.'),
  });
}
