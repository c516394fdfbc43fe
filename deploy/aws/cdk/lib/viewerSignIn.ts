import type { OidcIdentitySettings } from './DeploySettings';
import type { PresetIdentitySettings } from './IdentityPresetSettings';
import { presetProfile, type ViewerSignIn } from './presetProfiles';

/**
 * How the viewer signs in with an external provider (the stack's Authority, ClientId and ViewerAuth outputs) and the
 * origins its browser calls there (CSP `connect-src`). A generic `oidc` provider leaves the scope to the viewer's
 * default.
 */
export function viewerSignIn(identity: OidcIdentitySettings | PresetIdentitySettings): {
  viewer: Omit<ViewerSignIn, 'scope'> & { scope?: string };
  connectOrigins: string[];
} {
  if (identity.provider !== 'oidc') return presetProfile(identity);
  return {
    viewer: { authority: identity.issuer, clientId: identity.clientId },
    connectOrigins: [
      new URL(identity.issuer).origin,
      new URL(identity.jwksUri).origin,
      ...identity.extraConnectOrigins,
    ],
  };
}
