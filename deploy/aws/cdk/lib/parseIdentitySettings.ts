import type { GrantRule } from 'ohif-healthimaging-authorizer';
import { DeploySettingsError } from './DeploySettingsError';
import {
  identityPresets,
  type Auth0IdentitySettings,
  type EntraIdIdentitySettings,
  type IdentityPreset,
  type KeycloakIdentitySettings,
  type OktaIdentitySettings,
  type PresetIdentitySettings,
} from './IdentityPresetSettings';

type Json = Record<string, unknown>;

export function isIdentityPreset(value: unknown): value is IdentityPreset {
  return typeof value === 'string' && (identityPresets as readonly string[]).includes(value);
}

const commonKeys = ['provider', 'clientId', 'grants', 'requiredScopes', 'additionalClientIds', 'extraConnectOrigins'];
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const token = /^\S+$/;

/**
 * Validates `identity` for a named provider (`entra-id`, `okta`, `keycloak`, `auth0`; see IdentityPresetSettings
 * for every key and its default) and fills in the defaults. Throws `DeploySettingsError` naming the first wrong
 * key (`identity.<key>`) and what to write there.
 */
export function parseIdentityPreset(identity: Json): PresetIdentitySettings {
  const provider = identity.provider;
  if (!isIdentityPreset(provider)) {
    throw new DeploySettingsError(
      'identity.provider',
      `must be one of ${identityPresets.map(name => `"${name}"`).join(', ')}, got ${describe(provider)}`,
    );
  }
  switch (provider) {
    case 'entra-id':
      return entraId(identity);
    case 'okta':
      return okta(identity);
    case 'keycloak':
      return keycloak(identity);
    case 'auth0':
      return auth0(identity);
  }
}

function entraId(identity: Json): EntraIdIdentitySettings {
  allowOnly(identity, [...commonKeys, 'tenantId', 'apiAppId', 'apiAppIdUri', 'scope', 'importerRole', 'tokenVersion']);
  const tenantId = text(
    identity.tenantId,
    'tenantId',
    guid,
    'the Directory (tenant) ID, a lowercase GUID (Entra admin center > Overview; "common" and "organizations" issue no verifiable tokens)',
  );
  const clientId = text(
    identity.clientId,
    'clientId',
    guid,
    "the viewer registration's Application (client) ID, a lowercase GUID",
  );
  const apiAppId = optional(identity.apiAppId, clientId, v =>
    text(v, 'apiAppId', guid, "the API registration's Application (client) ID, a lowercase GUID"),
  );
  const apiAppIdUri = optional(identity.apiAppIdUri, `api://${apiAppId}`, v =>
    text(
      v,
      'apiAppIdUri',
      /^(api|https):\/\/[^\s/]+(\/[^\s]*)?[^\s/]$/,
      'the Application ID URI of the API (Expose an API), like api://<app id>, without a trailing slash',
    ),
  );
  const scope = optional(identity.scope, 'Imaging.Read', v =>
    text(
      v,
      'scope',
      /^[^\s/:]+$/,
      `the exposed scope's name only, like Imaging.Read (the viewer asks for ${apiAppIdUri}/<scope>)`,
    ),
  );
  const importerRole = optional(identity.importerRole, 'Imaging.Importer', v =>
    text(v, 'importerRole', token, 'the app role of importers, like Imaging.Importer'),
  );
  return {
    provider: 'entra-id',
    tenantId,
    apiAppId,
    apiAppIdUri,
    scope,
    importerRole,
    tokenVersion: optional<1 | 2>(identity.tokenVersion, 2, v => {
      if (v === 1 || v === 2) return v;
      throw new DeploySettingsError(
        'identity.tokenVersion',
        `must be 2 (the API's manifest has "accessTokenAcceptedVersion": 2) or 1 (it is null or 1), got ${describe(v)}`,
      );
    }),
    ...common(identity, clientId),
  };
}

function okta(identity: Json): OktaIdentitySettings {
  allowOnly(identity, [...commonKeys, 'domain', 'authorizationServerId', 'audience', 'scope', 'importerGroup']);
  const domain = origin(identity.domain, 'domain', 'the Okta org, like https://example.okta.com');
  const scope = optional(identity.scope, 'imaging.read', v =>
    text(v, 'scope', token, 'a scope of the authorization server, like imaging.read'),
  );
  const importerGroup = optional(identity.importerGroup, 'Importers', v =>
    text(v, 'importerGroup', /^.+$/, 'the group name of importers, like Importers'),
  );
  return {
    provider: 'okta',
    domain,
    authorizationServerId: optional(identity.authorizationServerId, 'default', v =>
      text(
        v,
        'authorizationServerId',
        /^[A-Za-z0-9]+$/,
        'the id of a custom authorization server, like default or aus1a2b3c4 (the org server issues tokens only Okta can verify)',
      ),
    ),
    audience: optional(identity.audience, 'api://default', v =>
      text(v, 'audience', token, "the authorization server's Audience, like api://default"),
    ),
    scope,
    importerGroup,
    ...common(
      identity,
      text(identity.clientId, 'clientId', token, "the viewer app's Client ID, like 0oa1b2c3d4e5f6g7h8i9"),
    ),
  };
}

function keycloak(identity: Json): KeycloakIdentitySettings {
  allowOnly(identity, [...commonKeys, 'realmUrl', 'audience', 'readerRole', 'importerRole']);
  const realmUrl = text(
    identity.realmUrl,
    'realmUrl',
    /^https:\/\/[^/\s]+(\/[^/\s]+)*\/realms\/[^/\s]+$/,
    "the realm's issuer, like https://sso.example.org/realms/imaging (.../auth/realms/imaging before Keycloak 17), without a trailing slash",
  );
  const readerRole = optional(identity.readerRole, 'imaging-reader', v =>
    text(v, 'readerRole', token, 'a realm role, like imaging-reader'),
  );
  const importerRole = optional(identity.importerRole, 'imaging-importer', v =>
    text(v, 'importerRole', token, 'a realm role, like imaging-importer'),
  );
  const audience = optional(identity.audience, 'dicomweb', v =>
    text(v, 'audience', token, "the Audience mapper's Included Custom Audience, like dicomweb"),
  );
  if (audience === 'account') {
    throw new DeploySettingsError(
      'identity.audience',
      'must not be "account": Keycloak puts it in nearly every token of the realm. Add an Audience mapper (Included Custom Audience, e.g. dicomweb) to the viewer client and name that audience here',
    );
  }
  return {
    provider: 'keycloak',
    realmUrl,
    audience,
    readerRole,
    importerRole,
    ...common(identity, text(identity.clientId, 'clientId', token, "the viewer client's Client ID, like ohif-viewer")),
  };
}

function auth0(identity: Json): Auth0IdentitySettings {
  allowOnly(identity, [...commonKeys, 'domain', 'audience', 'readPermission', 'writePermission']);
  const audience = text(
    identity.audience,
    'audience',
    token,
    "the API's Identifier (Applications > APIs), like https://dicomweb.example.org",
  );
  if (audience.endsWith('/userinfo')) {
    throw new DeploySettingsError(
      'identity.audience',
      `is Auth0's userinfo audience (${audience}); give the Identifier of the API you created for the DICOMweb endpoint`,
    );
  }
  const readPermission = optional(identity.readPermission, 'read:studies', v =>
    text(v, 'readPermission', token, 'an API permission, like read:studies'),
  );
  const writePermission = optional(identity.writePermission, 'write:studies', v =>
    text(v, 'writePermission', token, 'an API permission, like write:studies'),
  );
  return {
    provider: 'auth0',
    domain: origin(
      identity.domain,
      'domain',
      'the tenant domain, like https://example.eu.auth0.com (or its custom domain)',
    ),
    audience,
    readPermission,
    writePermission,
    ...common(identity, text(identity.clientId, 'clientId', token, "the single-page application's Client ID")),
  };
}

function common(identity: Json, clientId: string) {
  return {
    clientId,
    ...(identity.grants === undefined ? {} : { grants: grants(identity.grants) }),
    requiredScopes: optional(identity.requiredScopes, [], v =>
      list(v, 'requiredScopes', (item, key) => text(item, key, token, 'a scope without spaces')),
    ),
    additionalClientIds: optional(identity.additionalClientIds, [], v =>
      list(v, 'additionalClientIds', (item, key) => text(item, key, token, 'a client id')),
    ),
    extraConnectOrigins: optional(identity.extraConnectOrigins, [], v =>
      list(v, 'extraConnectOrigins', (item, key) =>
        origin(item, key, 'a URL whose origin the browser must reach', true),
      ),
    ),
  };
}

/** Grant rules in the authorizer's form; the authorizer's own parser checks them again at synth. */
function grants(value: unknown): GrantRule[] {
  const rules = list(value, 'grants', (item, key): GrantRule => {
    const rule = object(item, key);
    const grant = rule.grant;
    if (grant !== 'read' && grant !== 'write')
      throw new DeploySettingsError(`identity.${key}.grant`, `must be "read" or "write", got ${describe(grant)}`);
    if (rule.scope !== undefined) {
      allowOnly(rule, ['scope', 'grant'], `${key}.`);
      return { scope: text(rule.scope, `${key}.scope`, token, 'a scope without spaces'), grant };
    }
    allowOnly(rule, ['claim', 'includes', 'grant'], `${key}.`);
    return {
      claim: text(
        rule.claim,
        `${key}.claim`,
        token,
        'a claim name or dotted path like realm_access.roles (or give "scope" instead)',
      ),
      includes: text(rule.includes, `${key}.includes`, /^.+$/, 'the value the claim must be or contain'),
      grant,
    };
  });
  if (rules.length === 0)
    throw new DeploySettingsError(
      'identity.grants',
      "must hold at least one rule, or be left out for the provider's default rules",
    );
  return rules;
}

function object(value: unknown, key: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DeploySettingsError(`identity.${key}`, `must be an object, got ${describe(value)}`);
  }
  return value as Json;
}

function allowOnly(value: Json, keys: string[], prefix = ''): void {
  const unknown = Object.keys(value).find(key => !keys.includes(key));
  if (unknown === undefined) return;
  const hint =
    unknown === 'issuer' || unknown === 'jwksUri'
      ? ` (provider "${String(value.provider)}" derives it; use provider "oidc" to give it yourself)`
      : '';
  throw new DeploySettingsError(
    `identity.${prefix}${unknown}`,
    `is not a known setting${hint}; known here: ${keys.join(', ')}`,
  );
}

function optional<T>(value: unknown, fallback: T, read: (value: unknown) => T): T {
  return value === undefined ? fallback : read(value);
}

function text(value: unknown, key: string, pattern: RegExp, expectation: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new DeploySettingsError(`identity.${key}`, `must be ${expectation}, got ${describe(value)}`);
  }
  return value;
}

function list<T>(value: unknown, key: string, read: (item: unknown, key: string) => T): T[] {
  if (!Array.isArray(value))
    throw new DeploySettingsError(`identity.${key}`, `must be an array, got ${describe(value)}`);
  return value.map((item, index) => read(item, `${key}[${index}]`));
}

/** An https origin; a URL with a path is refused unless `anyPath` (then its origin is kept). */
function origin(value: unknown, key: string, expectation: string, anyPath = false): string {
  const url = typeof value === 'string' ? URL.parse(value) : null;
  if (
    url === null ||
    url.protocol !== 'https:' ||
    (!anyPath && (url.pathname !== '/' || url.search !== '' || url.hash !== ''))
  ) {
    const form = anyPath ? 'an https:// URL' : 'https:// and a host, nothing after it';
    throw new DeploySettingsError(`identity.${key}`, `must be ${expectation} (${form}), got ${describe(value)}`);
  }
  return url.origin;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
