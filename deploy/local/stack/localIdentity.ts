import type { OidcAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import type { PresetIdentitySettings } from '../../aws/cdk/lib/IdentityPresetSettings';
import { presetProfile } from '../../aws/cdk/lib/presetProfiles';
import { importerClientId, viewerClientId } from '../oidc';
import { localAuth0, localEntra, localKeycloak, localOkta, type IdpProfileName } from '../oidc/idpProfiles';
import { localAuthorizerSettings, localRoles } from './localAuthorizerSettings';

/** How the local stack's authorizer and viewer meet the local provider standing in for `profile`. */
export interface LocalIdentity {
  authorizer: OidcAuthorizerSettings;
  /** The viewer's `auth` keys that depend on the provider (the scope: undefined for the local default). */
  viewer: { authority: string; scope?: string; extraQueryParams?: Record<string, string> };
}

/**
 * The authorizer and viewer settings for the local provider standing in for `profile`, made by the same code as
 * the AWS deployment's (`presetProfile`), from the deploy settings a user would write for that provider with the
 * local provider's origin in place of the provider's host: the authorizer is configured exactly as deploy/aws's
 * README section for that provider says. The importer client's tokens are accepted too (`npm run import`).
 */
export function localIdentity(
  profile: IdpProfileName,
  issuer: string,
  datastoreUrl: string,
  datastoreId: string,
): LocalIdentity {
  const settings = presetSettings(profile, issuer, datastoreUrl);
  if (settings === undefined)
    return { authorizer: localAuthorizerSettings(issuer, datastoreUrl, datastoreId), viewer: { authority: issuer } };
  const origin = new URL(issuer).origin;
  const { authorizer, viewer } = presetProfile(settings, { login: origin, sts: origin });
  const roles = { reader: localRoles.readerRoleArn, importer: localRoles.importerRoleArn };
  return {
    authorizer: { ...authorizer, roles, datastoreId },
    viewer: {
      authority: viewer.authority,
      scope: viewer.scope,
      ...(viewer.extraQueryParams ? { extraQueryParams: viewer.extraQueryParams } : {}),
    },
  };
}

function presetSettings(
  profile: IdpProfileName,
  issuer: string,
  datastoreUrl: string,
): PresetIdentitySettings | undefined {
  const origin = new URL(issuer).origin;
  const common = {
    clientId: viewerClientId,
    requiredScopes: [],
    additionalClientIds: [importerClientId],
    extraConnectOrigins: [],
  };
  switch (profile) {
    case 'oidc':
      return undefined;
    case 'entra-id':
    case 'entra-id-v1':
      return {
        provider: 'entra-id',
        tenantId: localEntra.tenantId,
        // A separate API registration: the viewer's ID tokens are refused by their audience.
        apiAppId: localEntra.apiAppId,
        apiAppIdUri: `api://${localEntra.apiAppId}`,
        scope: localEntra.readScope,
        importerRole: localEntra.importerRole,
        tokenVersion: profile === 'entra-id' ? 2 : 1,
        ...common,
      };
    case 'okta':
      return {
        provider: 'okta',
        domain: origin,
        authorizationServerId: localOkta.authorizationServerId,
        audience: localOkta.audience,
        scope: localOkta.readScope,
        importerGroup: localOkta.importerGroup,
        ...common,
      };
    case 'keycloak':
      return {
        provider: 'keycloak',
        realmUrl: `${origin}/realms/${localKeycloak.realm}`,
        audience: localKeycloak.audience,
        readerRole: localKeycloak.readerRole,
        importerRole: localKeycloak.importerRole,
        ...common,
      };
    case 'auth0':
      // The API's Identifier: the DICOMweb URL, as good a URI as any (Auth0 never calls it).
      return { provider: 'auth0', domain: origin, audience: datastoreUrl, ...localAuth0, ...common };
  }
}
