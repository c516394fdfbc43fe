import type { Client, Grant, IssuedToken, KoaContextWithOIDC, OIDCProviderError } from 'oidc-provider';

import { accessTokenShapeClaims } from './accessTokenShapes';
import { idpProfile } from './idpProfiles';
import { messagePage, signOutPage, type HtmlPage } from './htmlPages';
import {
  importerClientGroups,
  importerClientId,
  importerClientScopes,
  viewerClientId,
  type UserGroup,
  type LocalUser,
  type ResolvedOidcProviderOptions,
} from './OidcProviderOptions';
import type { ProviderSecrets } from './providerSecrets';
import type { ProviderAdapter } from './ProviderStateFile';

/** What the configuration needs from outside: the provider module's error class and the storage. */
export interface ConfigurationDependencies {
  secrets: ProviderSecrets;
  adapterFactory: (model: string) => ProviderAdapter;
  /** `errors.InvalidTarget` of oidc-provider (the module is imported at run time: it is ESM-only). */
  InvalidTarget: typeof OIDCProviderError;
  /** The issuer, known once the provider listens (the `idpProfile` shapes some claims from it). */
  issuer: string;
}

/** The provider's own clock tolerance, also used as the storage's grace period past expiry. */
export const clockToleranceSeconds = 15;

/** The resource scopes `user` may be granted: the union over the user's groups. */
export function resourceScopesFor(user: LocalUser, scopesByGroup: Record<UserGroup, string[]>): Set<string> {
  return new Set(user.groups.flatMap(group => scopesByGroup[group]));
}

/**
 * The oidc-provider configuration of the local provider. Every default function the provider would otherwise
 * announce ("you SHOULD change it") is given here, so that it prints nothing while it runs.
 */
export function providerConfiguration(options: ResolvedOidcProviderOptions, dependencies: ConfigurationDependencies) {
  const { secrets, adapterFactory, InvalidTarget, issuer } = dependencies;
  const usersByName = new Map(options.users.map(user => [user.username, user]));
  const profile = idpProfile(options.idpProfile);
  const viewerResourceScopes = [...new Set(Object.values(profile.resourceScopes).flat())];
  const audience = profile.audience(options.resource, issuer);

  const sendPage = (ctx: KoaContextWithOIDC, page: HtmlPage) => {
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', page.contentSecurityPolicy);
    ctx.body = page.html;
  };

  return {
    adapter: adapterFactory,
    jwks: secrets.signingKeys,
    cookies: { keys: secrets.cookieKeys },
    clockTolerance: clockToleranceSeconds,
    clients: [
      {
        client_id: viewerClientId,
        client_name: 'OHIF Viewer',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.viewer.redirectUris,
        post_logout_redirect_uris: options.viewer.postLogoutRedirectUris,
      },
      {
        client_id: importerClientId,
        client_name: 'DICOM importer',
        client_secret: options.importer.clientSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    // Resource scopes (user/ImagingStudy.*) must NOT be listed here: a scope that is both an OpenID scope and a
    // resource server scope is never seen as granted, and sign-in loops on consent.
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
    // The viewer's access tokens are for the DICOMweb resource and cannot be used at userinfo, so the ID token
    // carries the profile claims itself.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: {
        // Entra ID has no revocation endpoint: its discovery must not list one either.
        enabled: profile.revocation,
        // A client may revoke only its own tokens (the provider's default rule, given here to keep it quiet).
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client: Client, token: IssuedToken) =>
          token.clientId === client.clientId,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => sendPage(ctx, signOutPage(form)),
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) =>
          sendPage(ctx, messagePage('Signed out', 'You are signed out. You can close this page.')),
      },
      resourceIndicators: {
        enabled: true,
        // Clients need not send `resource` (oidc-client-ts does not): the DICOMweb endpoint is the default.
        defaultResource: async () => options.resource,
        // At the token endpoint, issue the access token for the granted resource even though `openid` was asked.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContextWithOIDC, indicator: string, client: Client) => {
          if (indicator !== options.resource) {
            throw new InvalidTarget(`unknown resource indicator; the only resource is ${options.resource}`);
          }
          return {
            scope: (client.clientId === importerClientId ? importerClientScopes : viewerResourceScopes).join(' '),
            // The provider's own aud; an array (Keycloak, Auth0) is written by the token customizer below.
            audience: Array.isArray(audience) ? (audience[0] as string) : audience,
            accessTokenTTL: options.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    formats: {
      customizers: {
        // The access token as the emulated provider writes it (a no-op for this provider's own RFC 9068 shape).
        jwt: async (
          _ctx: KoaContextWithOIDC,
          _token: IssuedToken,
          jwt: { header?: Record<string, unknown>; payload: Record<string, unknown> },
        ) => {
          if (options.idpProfile === 'oidc') return;
          jwt.payload.aud = audience;
          profile.shape(jwt, issuer);
        },
      },
    },
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client: Client) =>
      client.clientId === viewerClientId && options.viewer.allowedOrigins.includes(origin),
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const user = usersByName.get(sub);
      if (!user) return undefined;
      return {
        accountId: user.username,
        claims: async () => ({
          sub: user.username,
          name: user.name ?? user.username,
          preferred_username: user.username,
          groups: user.groups,
        }),
      };
    },
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token: IssuedToken) => {
      const groups =
        token.accountId !== undefined
          ? (usersByName.get(token.accountId)?.groups ?? [])
          : token.clientId === importerClientId
            ? importerClientGroups
            : undefined;
      if (groups === undefined) return undefined;
      const issued = { clientId: token.clientId ?? '', scope: token.scope ?? '', groups };
      return { groups, ...accessTokenShapeClaims(options.accessTokenShape, issued) };
    },
    // Refresh tokens for the viewer without offline_access (which would also demand a consent prompt).
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: Client) =>
      client.clientId === viewerClientId && client.grantTypeAllowed('refresh_token'),
    // Tokens belong to the provider session: sign-out (end-session) revokes them. The session is stored and
    // lasts as long as the refresh tokens (ttl.Session below).
    expiresWithSession: async () => true,
    // First-party client: grant what the user may have and what was asked, with no consent screen.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => autoGrant(ctx, usersByName, profile.resourceScopes),
    ttl: {
      AccessToken: () => options.accessTokenTtlSeconds,
      ClientCredentials: () => options.accessTokenTtlSeconds,
      IdToken: () => options.idTokenTtlSeconds,
      // Rotation keeps the first refresh token's expiry: after refreshTokenTtlSeconds the user signs in again.
      RefreshToken: (ctx: KoaContextWithOIDC | undefined) =>
        ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? options.refreshTokenTtlSeconds,
      Session: () => options.refreshTokenTtlSeconds,
      Grant: () => options.refreshTokenTtlSeconds,
      Interaction: () => 60 * 60,
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) =>
      sendPage(ctx, messagePage('Sign-in problem', out.error_description ?? out.error)),
  };
}

async function autoGrant(
  ctx: KoaContextWithOIDC,
  usersByName: Map<string, LocalUser>,
  scopesByGroup: Record<UserGroup, string[]>,
): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const { client, session } = oidc;
  const accountId = session?.accountId;
  const user = accountId === undefined ? undefined : usersByName.get(accountId);
  if (!client || !session || !user) return undefined;

  const grantId = oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId === undefined ? undefined : await oidc.provider.Grant.find(grantId);
  const grant =
    existing && existing.accountId === user.username
      ? existing
      : new oidc.provider.Grant({ accountId: user.username, clientId: client.clientId });

  const requestedOidcScopes = [...oidc.requestParamOIDCScopes].join(' ');
  if (requestedOidcScopes) grant.addOIDCScope(requestedOidcScopes);

  // Every scope asked is either granted or rejected, so the provider never finds one "not yet decided".
  const allowed = resourceScopesFor(user, scopesByGroup);
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers)) {
    const requested = [...oidc.requestParamScopes].filter(scope => resourceServer.scopes.has(scope));
    const granted = requested.filter(scope => allowed.has(scope));
    const refused = requested.filter(scope => !allowed.has(scope));
    if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
    if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
  }
  await grant.save();
  return grant;
}
