import { assertIsJwk, assertIsSignatureJwk, type Jwk, type Jwks } from 'aws-jwt-verify/jwk';
import { healthImagingIdRule, isHealthImagingId, maxTokenAgeSeconds } from 'ohif-healthimaging-contract';
import {
  authorizerDefaults,
  type AuthorizerRoles,
  type ClientClaim,
  type GrantRule,
  type OidcProvider,
  type ResolvedAuthorizerSettings,
} from './AuthorizerSettings';
import { AuthorizerSettingsError } from './errors';
import { isOidcProvider, oidcProfiles, oidcProviders } from './oidcProfiles';

const commonKeys = [
  'provider',
  'issuer',
  'jwksUri',
  'jwks',
  'requiredScopes',
  'roles',
  'grants',
  'datastoreId',
  'jwksFetchTimeoutMs',
  'maxTokenBytes',
  'clockToleranceSeconds',
  'maxTokenLifetimeSeconds',
  'jwksCacheSeconds',
];
const cognitoKeys = ['clientIds'];
const oidcKeys = [
  'audiences',
  'additionalIssuers',
  'clientClaims',
  'clientIds',
  'viewerClientIds',
  'requireAccessTokenType',
  'refuseNonce',
];
const clientClaims: readonly ClientClaim[] = ['client_id', 'azp', 'cid', 'appid'];
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const roleArnExample = 'an IAM role ARN like arn:aws:iam::123456789012:role/Name';
const cognitoIssuerPattern = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/\1_[A-Za-z0-9]+$/;
const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];
/** JWK members that only a private or symmetric key has: such a key must never sit in settings. */
const secretJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
/** Segments of a dotted claim path: enough for `resource_access.<client>.roles`, few enough to stay cheap. */
const maxClaimPathSegments = 16;

/**
 * Validates authorizer settings (e.g. `JSON.parse` of the Lambda's `AUTHORIZER_SETTINGS`) and fills in defaults.
 * Throws `AuthorizerSettingsError` naming the first wrong key and what it should be. Parsing its own result gives
 * the same result again.
 */
export function parseAuthorizerSettings(json: unknown): ResolvedAuthorizerSettings {
  const settings = asObject(json, 'AuthorizerSettings');
  const provider = settings.provider;
  if (provider !== 'cognito' && !isOidcProvider(provider)) {
    throw new AuthorizerSettingsError(
      'provider',
      `must be "cognito" or one of ${oidcProviders.map(name => `"${name}"`).join(', ')} (any other OpenID Connect provider: "oidc"), got ${describe(provider)}`,
    );
  }
  rejectUnknownKeys(settings, [...commonKeys, ...(provider === 'cognito' ? cognitoKeys : oidcKeys)], 'AuthorizerSettings', key =>
    provider === 'cognito' && oidcKeys.includes(key)
      ? ` for provider "cognito" (Cognito access tokens carry client_id and token_use, no aud: list the app clients in clientIds)`
      : provider !== 'cognito' && key === 'clientId'
        ? ' (did you mean clientIds, the accepted clients, or viewerClientIds, the viewer whose ID tokens are refused?)'
        : '',
  );
  const profile = provider === 'cognito' ? undefined : oidcProfiles[provider];
  let issuer = url(settings.issuer, 'issuer');
  let alternativeIssuers: string[] = [];
  if (provider === 'cognito' && !cognitoIssuerPattern.test(issuer)) {
    throw new AuthorizerSettingsError(
      'issuer',
      `must be a Cognito user pool issuer like https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123, got "${issuer}"`,
    );
  }
  if (profile) ({ issuer, alternatives: alternativeIssuers } = profile.issuerForms(issuer));
  const jwks = settings.jwks === undefined ? undefined : publicJwks(settings.jwks);
  let jwksUri = settings.jwksUri === undefined ? undefined : url(settings.jwksUri, 'jwksUri');
  if (jwksUri === undefined && jwks === undefined) {
    jwksUri = provider === 'cognito' ? `${issuer}/.well-known/jwks.json` : oidcProfiles[provider].jwksUri(issuer);
  }
  if (jwksUri === undefined && jwks === undefined) {
    throw new AuthorizerSettingsError('jwksUri', 'is required for provider "oidc" unless jwks (the public keys) is given: the jwks_uri of <issuer>/.well-known/openid-configuration');
  }
  const common = {
    issuer,
    ...(jwksUri === undefined ? {} : { jwksUri }),
    ...(jwks === undefined ? {} : { jwks }),
    requiredScopes: optional(settings.requiredScopes, authorizerDefaults.requiredScopes, value =>
      scopeList(value, 'requiredScopes'),
    ),
    roles: roles(settings.roles),
    grants: grantRules(settings.grants),
    ...(settings.datastoreId === undefined ? {} : { datastoreId: datastoreId(settings.datastoreId) }),
    jwksFetchTimeoutMs: optional(settings.jwksFetchTimeoutMs, authorizerDefaults.jwksFetchTimeoutMs, value =>
      integer(value, 'jwksFetchTimeoutMs', 1, 1000, 'milliseconds (HealthImaging allows the authorizer 1 s in all)'),
    ),
    maxTokenBytes: optional(settings.maxTokenBytes, authorizerDefaults.maxTokenBytes, value =>
      integer(value, 'maxTokenBytes', 512, 65536, 'bytes'),
    ),
    clockToleranceSeconds: optional(settings.clockToleranceSeconds, authorizerDefaults.clockToleranceSeconds, value =>
      integer(value, 'clockToleranceSeconds', 0, 300, 'seconds'),
    ),
    ...(settings.maxTokenLifetimeSeconds === undefined
      ? {}
      : {
          maxTokenLifetimeSeconds: integer(
            settings.maxTokenLifetimeSeconds,
            'maxTokenLifetimeSeconds',
            60,
            maxTokenAgeSeconds,
            'seconds (HealthImaging refuses tokens issued over 12 h ago anyway)',
          ),
        }),
    jwksCacheSeconds: optional(settings.jwksCacheSeconds, authorizerDefaults.jwksCacheSeconds, value =>
      integer(value, 'jwksCacheSeconds', 30, 3600, 'seconds'),
    ),
  };
  if (provider === 'cognito') {
    return { provider, clientIds: nonEmptyStrings(settings.clientIds, 'clientIds', 'Cognito app client ids'), ...common };
  }
  return { provider, ...common, ...oidcSettings(settings, provider, issuer, alternativeIssuers) };
}

/** The keys only OpenID Connect providers have, with the profile's defaults. */
function oidcSettings(settings: Record<string, unknown>, provider: OidcProvider, issuer: string, alternatives: string[]) {
  const profile = oidcProfiles[provider];
  const audiences = nonEmptyStrings(settings.audiences, 'audiences', 'accepted aud values (the API identifier or resource URL)');
  audiences.forEach((audience, index) => profile.checkAudience(audience, `audiences[${index}]`));
  const listed = settings.additionalIssuers === undefined ? [] : urlList(settings.additionalIssuers, 'additionalIssuers');
  const additionalIssuers = [...new Set([...listed, ...alternatives])].filter(form => form !== issuer);
  const viewerClientIds = optional(settings.viewerClientIds, [] as string[], value => strings(value, 'viewerClientIds', 'client ids'));
  const overlap = viewerClientIds.find(id => audiences.includes(id));
  if (overlap !== undefined) {
    throw new AuthorizerSettingsError(
      'viewerClientIds',
      `must not hold "${overlap}", which audiences accepts: with one app registration for viewer and API (Entra), leave viewerClientIds out and grant by scope, which ID tokens lack`,
    );
  }
  return {
    audiences,
    additionalIssuers,
    clientClaims: optional(settings.clientClaims, profile.clientClaims, value => clientClaimList(value)),
    ...(settings.clientIds === undefined ? {} : { clientIds: nonEmptyStrings(settings.clientIds, 'clientIds', 'accepted client ids') }),
    viewerClientIds,
    requireAccessTokenType: optional(settings.requireAccessTokenType, authorizerDefaults.requireAccessTokenType, value =>
      boolean(value, 'requireAccessTokenType'),
    ),
    refuseNonce: optional(settings.refuseNonce, profile.refuseNonce, value => boolean(value, 'refuseNonce')),
  };
}

function clientClaimList(value: unknown): ClientClaim[] {
  if (!Array.isArray(value) || value.length === 0 || value.some(item => !clientClaims.includes(item as ClientClaim))) {
    throw new AuthorizerSettingsError(
      'clientClaims',
      `must be a non-empty array of ${clientClaims.map(name => `"${name}"`).join(', ')} (the claims naming the client, first present wins), got ${describe(value)}`,
    );
  }
  return [...new Set(value as ClientClaim[])];
}

function boolean(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new AuthorizerSettingsError(name, `must be true or false, got ${describe(value)}`);
  return value;
}

function urlList(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) throw new AuthorizerSettingsError(name, `must be an array of issuer URLs, got ${describe(value)}`);
  return value.map((item: unknown, index) => url(item, `${name}[${index}]`));
}

function strings(value: unknown, name: string, what: string): string[] {
  if (!Array.isArray(value) || value.some(item => typeof item !== 'string' || item === '')) {
    throw new AuthorizerSettingsError(name, `must be an array of ${what} (non-empty strings), got ${describe(value)}`);
  }
  return [...(value as string[])];
}

function asObject(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuthorizerSettingsError(name, `must be a JSON object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  name: string,
  hint: (key: string) => string = () => '',
): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new AuthorizerSettingsError(
        name === 'AuthorizerSettings' ? key : `${name}.${key}`,
        `is not a setting here${hint(key)}; known keys: ${known.join(', ')}`,
      );
    }
  }
}

function optional<T>(value: unknown, fallback: T, parse: (value: unknown) => T): T {
  return value === undefined ? (Array.isArray(fallback) ? ([...fallback] as T) : fallback) : parse(value);
}

function url(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new AuthorizerSettingsError(name, `must be a URL string, got ${describe(value)}`);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new AuthorizerSettingsError(name, `must be an absolute URL, got "${value}"`);
  }
  const secure = parsed.protocol === 'https:';
  const loopback = parsed.protocol === 'http:' && loopbackHosts.includes(parsed.hostname);
  if (!secure && !loopback) {
    throw new AuthorizerSettingsError(name, `must be an https:// URL (http:// only on 127.0.0.1 or localhost), got "${value}"`);
  }
  return value;
}

function publicJwks(value: unknown): Jwks {
  const jwks = asObject(value, 'jwks');
  const keys = jwks.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new AuthorizerSettingsError('jwks.keys', 'must be a non-empty array of public JWKs (the provider\'s JWKS document)');
  }
  keys.forEach((key: unknown, index) => {
    const name = `jwks.keys[${index}]`;
    const jwk = asObject(key, name);
    try {
      assertIsJwk(jwk as Jwk);
      assertIsSignatureJwk(jwk as Jwk);
    } catch (error) {
      throw new AuthorizerSettingsError(name, `must be a public RSA, EC or OKP signing key: ${(error as Error).message}`);
    }
    if (typeof jwk.kid !== 'string' || jwk.kid === '') {
      throw new AuthorizerSettingsError(`${name}.kid`, 'must be a non-empty string: tokens name their key by kid');
    }
    const secret = secretJwkMembers.find(member => member in jwk);
    if (secret) {
      throw new AuthorizerSettingsError(name, `must be a public key, but it has the private member "${secret}"; remove the private key from the settings`);
    }
  });
  return structuredClone(jwks) as Jwks;
}

function nonEmptyStrings(value: unknown, name: string, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some(item => typeof item !== 'string' || item === '')) {
    throw new AuthorizerSettingsError(name, `must be a non-empty array of ${what} (non-empty strings), got ${describe(value)}`);
  }
  return [...(value as string[])];
}

function scopeList(value: unknown, name: string): string[] {
  if (!Array.isArray(value)) {
    throw new AuthorizerSettingsError(name, `must be an array of scope strings, got ${describe(value)}`);
  }
  value.forEach((item: unknown, index) => scope(item, `${name}[${index}]`));
  return [...(value as string[])];
}

function scope(value: unknown, name: string): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw new AuthorizerSettingsError(name, `must be one scope (printable characters, no spaces) like user/ImagingStudy.read, got ${describe(value)}`);
  }
  return value;
}

function roles(value: unknown): AuthorizerRoles {
  const object = asObject(value, 'roles');
  rejectUnknownKeys(object, ['reader', 'importer'], 'roles');
  const reader = roleArn(object.reader, 'roles.reader');
  const importer = roleArn(object.importer, 'roles.importer');
  if (reader === importer) {
    throw new AuthorizerSettingsError('roles.importer', 'must differ from roles.reader, otherwise readers could store');
  }
  return { reader, importer };
}

function roleArn(value: unknown, name: string): string {
  if (typeof value !== 'string' || !roleArnPattern.test(value)) {
    throw new AuthorizerSettingsError(name, `must be ${roleArnExample}, got ${describe(value)}`);
  }
  return value;
}

function grantRules(value: unknown): GrantRule[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new AuthorizerSettingsError(
      'grants',
      `must be a non-empty array of rules like { "claim": "cognito:groups", "includes": "readers", "grant": "read" } or { "scope": "user/ImagingStudy.read", "grant": "read" }, got ${describe(value)}`,
    );
  }
  return value.map((item: unknown, index) => grantRule(item, `grants[${index}]`));
}

function grantRule(value: unknown, name: string): GrantRule {
  const rule = asObject(value, name);
  const grant = rule.grant;
  if (grant !== 'read' && grant !== 'write') {
    throw new AuthorizerSettingsError(`${name}.grant`, `must be "read" or "write", got ${describe(grant)}`);
  }
  if ('scope' in rule) {
    rejectUnknownKeys(rule, ['scope', 'grant'], name);
    return { scope: scope(rule.scope, `${name}.scope`), grant };
  }
  if ('claim' in rule) {
    rejectUnknownKeys(rule, ['claim', 'includes', 'grant'], name);
    if (
      typeof rule.claim !== 'string' ||
      rule.claim.split('.').some(segment => segment === '') ||
      rule.claim.split('.').length > maxClaimPathSegments
    ) {
      throw new AuthorizerSettingsError(
        `${name}.claim`,
        `must be a claim name like "cognito:groups" or a dotted path of at most ${maxClaimPathSegments} keys like "realm_access.roles", got ${describe(rule.claim)}`,
      );
    }
    if (typeof rule.includes !== 'string' || rule.includes === '') {
      throw new AuthorizerSettingsError(`${name}.includes`, `must be the claim value to look for, like "readers", got ${describe(rule.includes)}`);
    }
    return { claim: rule.claim, includes: rule.includes, grant };
  }
  throw new AuthorizerSettingsError(name, 'must have either "scope" or "claim" and "includes"');
}

function datastoreId(value: unknown): string {
  if (!isHealthImagingId(value)) {
    throw new AuthorizerSettingsError('datastoreId', `must be a HealthImaging datastore id (${healthImagingIdRule}), got ${describe(value)}`);
  }
  return value;
}

function integer(value: unknown, name: string, min: number, max: number, unit: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AuthorizerSettingsError(name, `must be a whole number of ${unit} from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
