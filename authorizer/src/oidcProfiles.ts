import type { ClientClaim, OidcProvider } from './AuthorizerSettings';
import { AuthorizerSettingsError } from './errors';

/** What a profile knows about its provider's tokens and endpoints. */
export interface OidcProfile {
  /** Shown in messages. */
  label: string;
  /**
   * Checks `issuer` against the provider's forms and returns the issuer to hold (Auth0: with its trailing slash)
   * and the other `iss` values the same provider uses for the same tenant (Entra: v1 and v2).
   */
  issuerForms(issuer: string): { issuer: string; alternatives: string[] };
  /** Where the provider publishes its keys, derived from the issuer; undefined when it cannot be (generic). */
  jwksUri(issuer: string): string | undefined;
  clientClaims: ClientClaim[];
  refuseNonce: boolean;
  /** Throws when an accepted audience is one the provider puts in tokens that are not for this API. */
  checkAudience(audience: string, key: string): void;
}

/** Microsoft Graph's audience, as an app id and as a URL: the access token a sign-in gets by default in Entra. */
export const microsoftGraphAudiences = [
  '00000003-0000-0000-c000-000000000000',
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
];

/** Keycloak's account console audience: in nearly every token of the realm unless an audience mapper is set. */
export const keycloakAccountAudience = 'account';

const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A loopback origin stands in for a provider's own hosts: the local stack's provider issues each profile's forms. */
const loopback = 'http://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::\\d+)?';
const entraV2Issuer = new RegExp(`^(https://login\\.microsoftonline\\.com|${loopback})/(${guid})/v2\\.0$`);
const entraV1Issuer = new RegExp(`^(https://sts\\.windows\\.net|${loopback})/(${guid})/$`);
const oktaCustomIssuer = new RegExp(`^(https://[^/]+|${loopback})/oauth2/[A-Za-z0-9]+$`);
const keycloakIssuer = /^https?:\/\/[^/]+(\/[^/]+)*\/realms\/[^/]+$/;

const anyAudience = () => undefined;

const generic: OidcProfile = {
  label: 'OpenID Connect',
  issuerForms: issuer => ({ issuer, alternatives: [] }),
  jwksUri: () => undefined,
  clientClaims: ['client_id', 'azp'],
  refuseNonce: true,
  checkAudience: anyAudience,
};

/** The tenant id of an Entra issuer in either form (v1 `sts.windows.net`, v2 `login.microsoftonline.com`). */
export function entraTenantOf(issuer: string): string | undefined {
  return (entraV2Issuer.exec(issuer) ?? entraV1Issuer.exec(issuer))?.[2];
}

/** Where an Entra issuer's forms live: Microsoft's hosts, or the one loopback origin standing in for both. */
function entraHosts(issuer: string): { login: string; sts: string } {
  const origin = (entraV2Issuer.exec(issuer) ?? entraV1Issuer.exec(issuer))?.[1] as string;
  return origin.startsWith('http://')
    ? { login: origin, sts: origin }
    : { login: 'https://login.microsoftonline.com', sts: 'https://sts.windows.net' };
}

const entraId: OidcProfile = {
  label: 'Microsoft Entra ID',
  issuerForms(issuer) {
    const tenant = entraTenantOf(issuer);
    if (tenant === undefined) {
      throw new AuthorizerSettingsError(
        'issuer',
        `for provider "entra-id" must be https://login.microsoftonline.com/<tenant id>/v2.0 or https://sts.windows.net/<tenant id>/ with the Directory (tenant) ID, a lowercase GUID (tokens name the tenant by GUID; "common" and "organizations" are not issuers), got "${issuer}"`,
      );
    }
    const hosts = entraHosts(issuer);
    const v2 = `${hosts.login}/${tenant}/v2.0`;
    const v1 = `${hosts.sts}/${tenant}/`;
    return { issuer, alternatives: [v1, v2].filter(form => form !== issuer) };
  },
  jwksUri: issuer => `${entraHosts(issuer).login}/${entraTenantOf(issuer) as string}/discovery/v2.0/keys`,
  clientClaims: ['azp', 'appid'],
  refuseNonce: true,
  checkAudience(audience, key) {
    if (microsoftGraphAudiences.includes(audience)) {
      throw new AuthorizerSettingsError(
        key,
        `is Microsoft Graph's audience ("${audience}"): Graph tokens cannot be verified by anyone but Graph. Expose an API on the app registration (Application ID URI api://<app id>, a scope such as Imaging.Read) and list its audience: the Application ID URI or the app id`,
      );
    }
  },
};

const okta: OidcProfile = {
  label: 'Okta',
  issuerForms(issuer) {
    if (!oktaCustomIssuer.test(issuer)) {
      throw new AuthorizerSettingsError(
        'issuer',
        `for provider "okta" must be a custom authorization server's issuer like https://example.okta.com/oauth2/default or https://example.okta.com/oauth2/aus1a2b3c4 (access tokens of the org authorization server, https://example.okta.com, are for Okta's own APIs and cannot be verified), got "${issuer}"`,
      );
    }
    return { issuer, alternatives: [] };
  },
  jwksUri: issuer => `${issuer}/v1/keys`,
  clientClaims: ['cid'],
  refuseNonce: true,
  checkAudience: anyAudience,
};

const keycloak: OidcProfile = {
  label: 'Keycloak',
  issuerForms(issuer) {
    if (!keycloakIssuer.test(issuer)) {
      throw new AuthorizerSettingsError(
        'issuer',
        `for provider "keycloak" must be a realm's issuer like https://keycloak.example.com/realms/imaging (or .../auth/realms/imaging before Keycloak 17), without a trailing slash, got "${issuer}"`,
      );
    }
    return { issuer, alternatives: [] };
  },
  jwksUri: issuer => `${issuer}/protocol/openid-connect/certs`,
  clientClaims: ['azp'],
  refuseNonce: false,
  checkAudience(audience, key) {
    if (audience === keycloakAccountAudience) {
      throw new AuthorizerSettingsError(
        key,
        'must not be "account": Keycloak puts that audience in nearly every token of the realm. Add an Audience mapper (client scope of the viewer client, "Included Custom Audience" or "Included Client Audience") for this API and list that audience',
      );
    }
  },
};

const auth0: OidcProfile = {
  label: 'Auth0',
  issuerForms(issuer) {
    const url = new URL(issuer);
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      throw new AuthorizerSettingsError(
        'issuer',
        `for provider "auth0" must be the tenant's domain like https://example.eu.auth0.com/ (or a custom domain), with nothing after the host, got "${issuer}"`,
      );
    }
    // Auth0 writes its iss with a trailing slash; an issuer typed without one would deny every token.
    return { issuer: `${url.origin}/`, alternatives: [] };
  },
  jwksUri: issuer => `${issuer}.well-known/jwks.json`,
  // The default Auth0 token profile names the client in azp, its RFC 9068 profile in client_id.
  clientClaims: ['azp', 'client_id'],
  refuseNonce: true,
  checkAudience(audience, key) {
    if (audience.endsWith('/userinfo')) {
      throw new AuthorizerSettingsError(
        key,
        `is Auth0's userinfo audience ("${audience}"), present in every token asked for with the openid scope; list the API's identifier (APIs > Identifier) instead`,
      );
    }
  },
};

export const oidcProfiles: Record<OidcProvider, OidcProfile> = {
  oidc: generic,
  'entra-id': entraId,
  okta,
  keycloak,
  auth0,
};

export const oidcProviders = Object.keys(oidcProfiles) as OidcProvider[];

export function isOidcProvider(value: unknown): value is OidcProvider {
  return typeof value === 'string' && Object.hasOwn(oidcProfiles, value);
}
