import type { OidcAuthorizerSettings } from 'ohif-healthimaging-authorizer';
import type { EndpointRoles } from '../dicomweb';
import type { UserGroup } from '../oidc';

/**
 * The local stack's two roles. Nothing assumes them (there is no AWS here); the endpoint only tells them apart,
 * as HealthImaging does with the roles its authorizer returns, so they have the format of real role ARNs.
 */
export const localRoles: EndpointRoles = {
  readerRoleArn: 'arn:aws:iam::000000000000:role/HealthImagingReader',
  importerRoleArn: 'arn:aws:iam::000000000000:role/HealthImagingImporter',
};

/**
 * Settings of the shared authorizer for the local provider: tokens signed with its published keys (fetched from its
 * JWKS, so keys kept in its data folder stay valid across restarts), issued for this datastore's DICOMweb root (the
 * audience the provider puts in every access token), for this datastore only. The `groups` claim decides, as it does
 * on AWS for a generic OIDC provider: `readers` read, `importers` (users, and the importer client's own tokens) also
 * store.
 */
export function localAuthorizerSettings(
  issuer: string,
  datastoreUrl: string,
  datastoreId: string,
): OidcAuthorizerSettings {
  return {
    provider: 'oidc',
    issuer,
    jwksUri: `${issuer}/jwks`,
    audiences: [datastoreUrl],
    datastoreId,
    roles: { reader: localRoles.readerRoleArn, importer: localRoles.importerRoleArn },
    grants: [
      // The provider's group names (checked against its type, so a renamed group fails to compile here).
      { claim: 'groups', includes: 'readers' satisfies UserGroup, grant: 'read' },
      { claim: 'groups', includes: 'importers' satisfies UserGroup, grant: 'write' },
    ],
  };
}
