import { parseAuthorizerSettings, type AuthorizerSettings } from 'ohif-healthimaging-authorizer';
import { importersGroup, readersGroup } from './CognitoViewerIdentity';
import type { DeploySettings } from './DeploySettings';
import { DeploySettingsError } from './DeploySettingsError';
import { presetProfile } from './presetProfiles';

/** Values only known at deploy time (CloudFormation tokens in the stack, placeholders when validating). */
export interface DeployTimeValues {
  /** Cognito: the user pool's issuer URL. Ignored for `oidc` (the issuer is a setting). */
  cognitoIssuer: string;
  /** Cognito: the viewer app client id, and the development client's when there is one. */
  cognitoClientIds: string[];
  readerRoleArn: string;
  importerRoleArn: string;
}

/**
 * The authorizer's settings (`AUTHORIZER_SETTINGS`) for this deployment. Cognito: access tokens of the viewer client
 * (and of the development client and `additionalClientIds`), group `readers` → read, `importers` → write. OIDC: the
 * configured issuer, JWKS, audiences, scopes and grant rules; the viewer's ID tokens refused by their audience.
 * A named provider (entra-id, okta, keycloak, auth0): its profile's settings (`presetProfile`).
 * `datastoreId` is left out: the datastore is created with this function, so its
 * id cannot be in the function's environment; the invoke permission and the roles limit the authorizer to it instead.
 */
export function viewerAuthorizerSettings(settings: DeploySettings, values: DeployTimeValues): AuthorizerSettings {
  const roles = { reader: values.readerRoleArn, importer: values.importerRoleArn };
  const { identity } = settings;
  const jwksFetchTimeoutMs = settings.authorizer.jwksFetchTimeoutMs;
  if (identity.provider === 'cognito') {
    return {
      provider: 'cognito',
      issuer: values.cognitoIssuer,
      clientIds: [...values.cognitoClientIds, ...identity.additionalClientIds],
      roles,
      grants: [
        { claim: 'cognito:groups', includes: readersGroup, grant: 'read' },
        { claim: 'cognito:groups', includes: importersGroup, grant: 'write' },
      ],
      jwksFetchTimeoutMs,
    };
  }
  if (identity.provider !== 'oidc') return { ...presetProfile(identity).authorizer, roles, jwksFetchTimeoutMs };
  return {
    provider: 'oidc',
    issuer: identity.issuer,
    jwksUri: identity.jwksUri,
    audiences: identity.audiences,
    // A token whose aud is the viewer's client id is its ID token, unless viewer and API share one client (one Entra
    // app registration): then the audience is the client id for both kinds, and the grants tell them apart.
    viewerClientIds: identity.audiences.includes(identity.clientId) ? [] : [identity.clientId],
    requiredScopes: identity.requiredScopes,
    roles,
    grants: identity.grants,
    jwksFetchTimeoutMs,
  };
}

/**
 * Checks at synth time, with the authorizer's own parser, that the settings it will get are valid, using
 * placeholders of the right shape for the values CloudFormation fills in later. A mistake is reported now as a
 * DeploySettingsError instead of as denied requests after deployment.
 */
export function assertAuthorizerAcceptsSettings(settings: DeploySettings): void {
  const account = settings.account ?? '123456789012';
  try {
    parseAuthorizerSettings(
      viewerAuthorizerSettings(settings, {
        cognitoIssuer: `https://cognito-idp.${settings.region}.amazonaws.com/${settings.region}_Placeholder`,
        cognitoClientIds: ['placeholderclientid'],
        readerRoleArn: `arn:aws:iam::${account}:role/PlaceholderReader`,
        importerRoleArn: `arn:aws:iam::${account}:role/PlaceholderImporter`,
      }),
    );
  } catch (error) {
    throw new DeploySettingsError(
      'identity',
      `gives authorizer settings the authorizer refuses: ${(error as Error).message}`,
    );
  }
}
