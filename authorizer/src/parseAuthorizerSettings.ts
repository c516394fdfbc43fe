import { assertIsJwk, assertIsSignatureJwk, type Jwk, type Jwks } from 'aws-jwt-verify/jwk';
import { healthImagingIdPattern, healthImagingIdRule, maxTokenAgeSeconds } from 'ohif-healthimaging-contract';
import {
  authorizerDefaults,
  type AuthorizerRoles,
  type ClientClaim,
  type GrantRule,
  type OidcProvider,
  type ResolvedAuthorizerSettings,
} from './AuthorizerSettings';
import {
  assertArrayOf,
  assertBoolean,
  assertInteger,
  assertKnownKeys,
  assertMatch,
  assertNonEmptyString,
  assertObject,
  assertOneOf,
  assertUrl,
  optional,
  SettingsPath,
  type KnownKeysOptions,
  type SettingsObject,
} from 'ohif-healthimaging-validation';
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
/** JWK members that only a private or symmetric key has: such a key must never sit in settings. */
const secretJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
/** Segments of a dotted claim path: enough for `resource_access.<client>.roles`, few enough to stay cheap. */
const maxClaimPathSegments = 16;
/** The authorizer's words for an unknown key, which its operators know from the decision log's runbook. */
const unknownSetting: KnownKeysOptions['wording'] = { unknown: 'is not a setting here', known: 'known keys:' };

/**
 * Validates authorizer settings (e.g. `JSON.parse` of the Lambda's `AUTHORIZER_SETTINGS`) and fills in defaults.
 * Throws `AuthorizerSettingsError` naming the first wrong key and what it should be. Parsing its own result gives
 * the same result again.
 */
export function parseAuthorizerSettings(json: unknown): ResolvedAuthorizerSettings {
  const root: SettingsPath = new SettingsPath(
    'AuthorizerSettings',
    (key, problem) => new AuthorizerSettingsError(key, problem),
    {
      style: 'comma',
      childPrefix: '',
    },
  );
  const settings = assertObject(json, root, 'a JSON object');
  const at = (key: string) => root.child(key);
  const provider = settings.provider;
  const providerAt: SettingsPath = at('provider');
  if (provider !== 'cognito' && !isOidcProvider(provider)) {
    providerAt.expected(
      `"cognito" or one of ${oidcProviders.map(name => `"${name}"`).join(', ')} (any other OpenID Connect provider: "oidc")`,
      provider,
    );
  }
  assertKnownKeys(settings, [...commonKeys, ...(provider === 'cognito' ? cognitoKeys : oidcKeys)], root, {
    wording: unknownSetting,
    hint: key =>
      provider === 'cognito' && oidcKeys.includes(key)
        ? ' for provider "cognito" (Cognito access tokens carry client_id and token_use, no aud: list the app clients in clientIds)'
        : provider !== 'cognito' && key === 'clientId'
          ? ' (did you mean clientIds, the accepted clients, or viewerClientIds, the viewer whose ID tokens are refused?)'
          : '',
  });
  const profile = provider === 'cognito' ? undefined : oidcProfiles[provider];
  let issuer = url(settings.issuer, at('issuer'));
  let alternativeIssuers: string[] = [];
  if (provider === 'cognito' && !cognitoIssuerPattern.test(issuer)) {
    at('issuer').expected(
      'a Cognito user pool issuer like https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      issuer,
    );
  }
  if (profile) ({ issuer, alternatives: alternativeIssuers } = profile.issuerForms(issuer));
  const jwks = settings.jwks === undefined ? undefined : publicJwks(settings.jwks, at('jwks'));
  let jwksUri = settings.jwksUri === undefined ? undefined : url(settings.jwksUri, at('jwksUri'));
  if (jwksUri === undefined && jwks === undefined) {
    jwksUri = provider === 'cognito' ? `${issuer}/.well-known/jwks.json` : oidcProfiles[provider].jwksUri(issuer);
  }
  if (jwksUri === undefined && jwks === undefined) {
    at('jwksUri').fail(
      'is required for provider "oidc" unless jwks (the public keys) is given: the jwks_uri of <issuer>/.well-known/openid-configuration',
    );
  }
  const common = {
    issuer,
    ...(jwksUri === undefined ? {} : { jwksUri }),
    ...(jwks === undefined ? {} : { jwks }),
    requiredScopes: optional(settings.requiredScopes, authorizerDefaults.requiredScopes, value =>
      scopeList(value, at('requiredScopes')),
    ),
    roles: roles(settings.roles, at('roles')),
    grants: grantRules(settings.grants, at('grants')),
    ...(settings.datastoreId === undefined
      ? {}
      : {
          datastoreId: assertMatch(
            settings.datastoreId,
            healthImagingIdPattern,
            at('datastoreId'),
            `a HealthImaging datastore id (${healthImagingIdRule})`,
          ),
        }),
    jwksFetchTimeoutMs: optional(settings.jwksFetchTimeoutMs, authorizerDefaults.jwksFetchTimeoutMs, value =>
      integer(
        value,
        at('jwksFetchTimeoutMs'),
        1,
        1000,
        'milliseconds (HealthImaging allows the authorizer 1 s in all)',
      ),
    ),
    maxTokenBytes: optional(settings.maxTokenBytes, authorizerDefaults.maxTokenBytes, value =>
      integer(value, at('maxTokenBytes'), 512, 65536, 'bytes'),
    ),
    clockToleranceSeconds: optional(settings.clockToleranceSeconds, authorizerDefaults.clockToleranceSeconds, value =>
      integer(value, at('clockToleranceSeconds'), 0, 300, 'seconds'),
    ),
    ...(settings.maxTokenLifetimeSeconds === undefined
      ? {}
      : {
          maxTokenLifetimeSeconds: integer(
            settings.maxTokenLifetimeSeconds,
            at('maxTokenLifetimeSeconds'),
            60,
            maxTokenAgeSeconds,
            'seconds (HealthImaging refuses tokens issued over 12 h ago anyway)',
          ),
        }),
    jwksCacheSeconds: optional(settings.jwksCacheSeconds, authorizerDefaults.jwksCacheSeconds, value =>
      integer(value, at('jwksCacheSeconds'), 30, 3600, 'seconds'),
    ),
  };
  if (provider === 'cognito') {
    return {
      provider,
      clientIds: nonEmptyStrings(settings.clientIds, at('clientIds'), 'Cognito app client ids'),
      ...common,
    };
  }
  return { provider, ...common, ...oidcSettings(settings, root, provider, issuer, alternativeIssuers) };
}

/** The keys only OpenID Connect providers have, with the profile's defaults. */
function oidcSettings(
  settings: SettingsObject,
  root: SettingsPath,
  provider: OidcProvider,
  issuer: string,
  alternatives: string[],
) {
  const at = (key: string) => root.child(key);
  const profile = oidcProfiles[provider];
  const audiences = nonEmptyStrings(
    settings.audiences,
    at('audiences'),
    'accepted aud values (the API identifier or resource URL)',
  );
  audiences.forEach((audience, index) => profile.checkAudience(audience, `audiences[${index}]`));
  const listed = optional(settings.additionalIssuers, [] as string[], value =>
    assertArrayOf(value, at('additionalIssuers'), url, { expected: 'an array of issuer URLs' }),
  );
  const additionalIssuers = [...new Set([...listed, ...alternatives])].filter(form => form !== issuer);
  const viewerClientIds = optional(settings.viewerClientIds, [] as string[], value =>
    assertArrayOf(value, at('viewerClientIds'), nonEmptyString, {
      expected: 'an array of client ids (non-empty strings)',
    }),
  );
  const overlap = viewerClientIds.find(id => audiences.includes(id));
  if (overlap !== undefined) {
    at('viewerClientIds').fail(
      `must not hold "${overlap}", which audiences accepts: with one app registration for viewer and API (Entra), leave viewerClientIds out and grant by scope, which ID tokens lack`,
    );
  }
  return {
    audiences,
    additionalIssuers,
    clientClaims: optional(settings.clientClaims, profile.clientClaims, value =>
      clientClaimList(value, at('clientClaims')),
    ),
    ...(settings.clientIds === undefined
      ? {}
      : { clientIds: nonEmptyStrings(settings.clientIds, at('clientIds'), 'accepted client ids') }),
    viewerClientIds,
    requireAccessTokenType: optional(
      settings.requireAccessTokenType,
      authorizerDefaults.requireAccessTokenType,
      value => assertBoolean(value, at('requireAccessTokenType')),
    ),
    refuseNonce: optional(settings.refuseNonce, profile.refuseNonce, value => assertBoolean(value, at('refuseNonce'))),
  };
}

function clientClaimList(value: unknown, at: SettingsPath): ClientClaim[] {
  const expected = `a non-empty array of ${clientClaims.map(name => `"${name}"`).join(', ')} (the claims naming the client, first present wins)`;
  const fail = new SettingsPath(at.key, () => at.expected(expected, value));
  const claims = assertArrayOf(value, fail, (item, itemAt) => assertOneOf(item, clientClaims, itemAt), { minItems: 1 });
  return [...new Set(claims)];
}

/** Token issuers and key sets: https, or plain http on loopback only (the local stack). */
function url(value: unknown, at: SettingsPath): string {
  return assertUrl(value, at, {
    expected: 'an absolute URL',
    insecure: 'must be an https:// URL (http:// only on 127.0.0.1 or localhost)',
  });
}

function nonEmptyString(value: unknown, at: SettingsPath): string {
  return assertNonEmptyString(value, at);
}

function nonEmptyStrings(value: unknown, at: SettingsPath, what: string): string[] {
  return assertArrayOf(value, at, nonEmptyString, {
    minItems: 1,
    expected: `a non-empty array of ${what} (non-empty strings)`,
  });
}

function publicJwks(value: unknown, at: SettingsPath): Jwks {
  const jwks = assertObject(value, at, 'a JSON object');
  const keysAt: SettingsPath = at.child('keys');
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) {
    keysAt.fail("must be a non-empty array of public JWKs (the provider's JWKS document)");
  }
  jwks.keys.forEach((key: unknown, index) => {
    const keyAt: SettingsPath = keysAt.item(index);
    const jwk = assertObject(key, keyAt, 'a JSON object');
    try {
      assertIsJwk(jwk as Jwk);
      assertIsSignatureJwk(jwk as Jwk);
    } catch (error) {
      keyAt.fail(`must be a public RSA, EC or OKP signing key: ${(error as Error).message}`);
    }
    if (typeof jwk.kid !== 'string' || jwk.kid === '') {
      keyAt.child('kid').fail('must be a non-empty string: tokens name their key by kid');
    }
    const secret = secretJwkMembers.find(member => member in jwk);
    if (secret) {
      keyAt.fail(
        `must be a public key, but it has the private member "${secret}"; remove the private key from the settings`,
      );
    }
  });
  return structuredClone(jwks) as unknown as Jwks;
}

function scopeList(value: unknown, at: SettingsPath): string[] {
  return assertArrayOf(value, at, scope, { expected: 'an array of scope strings' });
}

function scope(value: unknown, at: SettingsPath): string {
  return assertMatch(
    value,
    /^[\x21-\x7e]+$/,
    at,
    'one scope (printable characters, no spaces) like user/ImagingStudy.read',
  );
}

function roles(value: unknown, at: SettingsPath): AuthorizerRoles {
  const object = assertObject(value, at, 'a JSON object');
  assertKnownKeys(object, ['reader', 'importer'], at, { wording: unknownSetting });
  const reader = assertMatch(object.reader, roleArnPattern, at.child('reader'), roleArnExample);
  const importer = assertMatch(object.importer, roleArnPattern, at.child('importer'), roleArnExample);
  if (reader === importer) at.child('importer').fail('must differ from roles.reader, otherwise readers could store');
  return { reader, importer };
}

function grantRules(value: unknown, at: SettingsPath): GrantRule[] {
  return assertArrayOf(value, at, grantRule, {
    minItems: 1,
    expected:
      'a non-empty array of rules like { "claim": "cognito:groups", "includes": "readers", "grant": "read" } or { "scope": "user/ImagingStudy.read", "grant": "read" }',
  });
}

function grantRule(value: unknown, at: SettingsPath): GrantRule {
  const rule = assertObject(value, at, 'a JSON object');
  const grant = assertOneOf(rule.grant, ['read', 'write'] as const, at.child('grant'), '"read" or "write"');
  if ('scope' in rule) {
    assertKnownKeys(rule, ['scope', 'grant'], at, { wording: unknownSetting });
    return { scope: scope(rule.scope, at.child('scope')), grant };
  }
  if ('claim' in rule) {
    assertKnownKeys(rule, ['claim', 'includes', 'grant'], at, { wording: unknownSetting });
    const segments = typeof rule.claim === 'string' ? rule.claim.split('.') : [];
    if (segments.length === 0 || segments.some(segment => segment === '') || segments.length > maxClaimPathSegments) {
      at.child('claim').expected(
        `a claim name like "cognito:groups" or a dotted path of at most ${maxClaimPathSegments} keys like "realm_access.roles"`,
        rule.claim,
      );
    }
    const includes = assertNonEmptyString(
      rule.includes,
      at.child('includes'),
      'the claim value to look for, like "readers"',
    );
    return { claim: rule.claim as string, includes, grant };
  }
  return at.fail('must have either "scope" or "claim" and "includes"');
}

function integer(value: unknown, at: SettingsPath, min: number, max: number, unit: string): number {
  return assertInteger(value, at, { min, max, expected: `a whole number of ${unit} from ${min} to ${max}` });
}
