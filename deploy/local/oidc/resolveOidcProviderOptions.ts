import { accessTokenShapes, type AccessTokenShape } from './accessTokenShapes';
import {
  assertArrayOf,
  assertBoolean,
  assertInteger,
  assertKnownKeys,
  assertNonEmptyString,
  assertObject,
  assertOneOf,
  assertUrl,
  optional,
  SettingsPath,
} from 'ohif-healthimaging-validation';
import { OidcProviderOptionsError } from './errors';
import { idpProfileNames, type IdpProfileName } from './idpProfiles';
import {
  defaultImporterClientSecret,
  demoUsers,
  type LocalUser,
  type OidcProviderOptions,
  type ResolvedOidcProviderOptions,
  type UserGroup,
} from './OidcProviderOptions';

const knownOptions: readonly (keyof OidcProviderOptions)[] = [
  'host',
  'port',
  'issuer',
  'dataDir',
  'resource',
  'accessTokenTtlSeconds',
  'refreshTokenTtlSeconds',
  'idTokenTtlSeconds',
  'viewer',
  'importer',
  'users',
  'testControl',
  'accessTokenShape',
  'idpProfile',
];
const userGroups: readonly UserGroup[] = ['readers', 'importers'];
export const defaultHost = '127.0.0.1';
export const defaultAccessTokenTtlSeconds = 300;
export const defaultRefreshTokenTtlSeconds = 8 * 60 * 60;
const maxTtlSeconds = 366 * 24 * 60 * 60;

/**
 * Checks options (from code or from JSON) and applies the defaults documented on `OidcProviderOptions`.
 * Throws `OidcProviderOptionsError` naming the first option that is wrong.
 */
export function resolveOidcProviderOptions(options: OidcProviderOptions | unknown): ResolvedOidcProviderOptions {
  const root = new SettingsPath('options', (key, problem) => new OidcProviderOptionsError(key, problem), {
    style: 'comma',
    childPrefix: '',
  });
  const input = assertObject(options, root);
  assertKnownKeys(input, knownOptions, root, { wording: { unknown: 'is not an option', known: 'the options are' } });
  const at = (key: keyof OidcProviderOptions) => root.child(key);

  const host = optional(input.host, defaultHost, value => assertNonEmptyString(value, at('host')));
  const port = optional(input.port, 0, value => assertInteger(value, at('port'), { min: 0, max: 65535 }));
  const issuer = input.issuer === undefined ? undefined : httpUrl(input.issuer, at('issuer'));
  if (issuer !== undefined && /[?#]/.test(issuer)) at('issuer').expected('a URL without query or fragment', issuer);
  const dataDir = assertNonEmptyString(input.dataDir, at('dataDir'));
  const resource = httpUrl(input.resource, at('resource'));
  if (resource.includes('#')) at('resource').expected('a URL without fragment (RFC 8707 resource indicator)', resource);

  const accessTokenTtlSeconds = optional(input.accessTokenTtlSeconds, defaultAccessTokenTtlSeconds, value =>
    seconds(value, at('accessTokenTtlSeconds')),
  );
  const refreshTokenTtlSeconds = optional(input.refreshTokenTtlSeconds, defaultRefreshTokenTtlSeconds, value =>
    seconds(value, at('refreshTokenTtlSeconds')),
  );
  const idTokenTtlSeconds = optional(input.idTokenTtlSeconds, accessTokenTtlSeconds, value =>
    seconds(value, at('idTokenTtlSeconds')),
  );

  const viewerAt = at('viewer');
  const viewerInput = assertObject(input.viewer, viewerAt, 'an object with redirectUris');
  const redirectUris = assertArrayOf(viewerInput.redirectUris, viewerAt.child('redirectUris'), httpUrl, {
    minItems: 1,
    expected: 'a non-empty array of the URLs the viewer receives codes on',
  });
  const postLogoutRedirectUris = optional(viewerInput.postLogoutRedirectUris, [] as string[], value =>
    assertArrayOf(value, viewerAt.child('postLogoutRedirectUris'), httpUrl),
  );
  const allowedOrigins =
    viewerInput.allowedOrigins === undefined
      ? [...new Set(redirectUris.map(uri => new URL(uri).origin))]
      : assertArrayOf(viewerInput.allowedOrigins, viewerAt.child('allowedOrigins'), origin);

  const importerAt = at('importer');
  const importerInput = optional(input.importer, {}, value => assertObject(value, importerAt));
  const clientSecret = optional(importerInput.clientSecret, defaultImporterClientSecret, value =>
    assertNonEmptyString(value, importerAt.child('clientSecret')),
  );

  const users = optional(input.users, demoUsers, value => userList(value, at('users')));
  const testControl = optional(input.testControl, false, value => assertBoolean(value, at('testControl')));
  const accessTokenShape = optional(input.accessTokenShape, 'rfc9068' as AccessTokenShape, value =>
    assertOneOf(value, accessTokenShapes, at('accessTokenShape')),
  );
  const idpProfile = optional(input.idpProfile, 'oidc' as IdpProfileName, value =>
    assertOneOf(value, idpProfileNames, at('idpProfile')),
  );
  if (idpProfile !== 'oidc' && accessTokenShape !== 'rfc9068') {
    throw new OidcProviderOptionsError(
      'accessTokenShape',
      `cannot be combined with idpProfile "${idpProfile}", which shapes the tokens itself`,
    );
  }

  return {
    host,
    port,
    issuer,
    dataDir,
    resource,
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    idTokenTtlSeconds,
    viewer: { redirectUris, postLogoutRedirectUris, allowedOrigins },
    importer: { clientSecret },
    users,
    testControl,
    accessTokenShape,
    idpProfile,
  };
}

function seconds(value: unknown, at: SettingsPath): number {
  return assertInteger(value, at, {
    min: 1,
    max: maxTtlSeconds,
    expected: `a whole number of seconds from 1 to ${maxTtlSeconds}`,
  });
}

/** The provider serves a test stack: plain http is allowed on any host it is told to listen on. */
function httpUrl(value: unknown, at: SettingsPath): string {
  return assertUrl(value, at, { expected: 'an absolute http(s) URL', schemes: 'http-or-https' });
}

function origin(value: unknown, at: SettingsPath): string {
  const text = httpUrl(value, at);
  if (new URL(text).origin !== text) at.expected('an origin (scheme://host[:port], no path or trailing slash)', text);
  return text;
}

function userList(value: unknown, at: SettingsPath): LocalUser[] {
  const seen = new Set<string>();
  return assertArrayOf(
    value,
    at,
    (item, userAt): LocalUser => {
      const user = assertObject(item, userAt, 'an object { username, password, groups }');
      const username = assertNonEmptyString(user.username, userAt.child('username'));
      if (seen.has(username))
        userAt
          .child('username')
          .fail(`${JSON.stringify(username)} is listed twice; each user needs a name of their own`);
      seen.add(username);
      const password = assertNonEmptyString(user.password, userAt.child('password'));
      const name = optional<string | undefined>(user.name, undefined, nameValue =>
        assertNonEmptyString(nameValue, userAt.child('name')),
      );
      const groups = assertArrayOf(
        user.groups,
        userAt.child('groups'),
        (group, groupAt) => assertOneOf(group, userGroups, groupAt),
        {
          minItems: 1,
          expected: `a non-empty array of ${userGroups.join(' or ')}`,
        },
      );
      return name === undefined ? { username, password, groups } : { username, password, name, groups };
    },
    { minItems: 1, expected: 'a non-empty array of { username, password, groups }' },
  );
}
