import { accessTokenShapes, type AccessTokenShape } from './accessTokenShapes';
import { OidcProviderOptionsError } from './errors';
import { idpProfileNames, isIdpProfileName } from './idpProfiles';
import {
  defaultImporterClientSecret,
  demoUsers,
  type LocalUser,
  type OidcProviderOptions,
  type ResolvedOidcProviderOptions,
  type UserGroup,
} from './OidcProviderOptions';

const knownOptions = new Set([
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
]);
const userGroups: readonly UserGroup[] = ['readers', 'importers'];

/**
 * Checks options (from code or from JSON) and applies the defaults documented on `OidcProviderOptions`.
 * Throws `OidcProviderOptionsError` naming the first option that is wrong.
 */
export function resolveOidcProviderOptions(options: OidcProviderOptions | unknown): ResolvedOidcProviderOptions {
  const input = asObject(options, 'options');
  for (const key of Object.keys(input)) {
    if (!knownOptions.has(key)) {
      throw new OidcProviderOptionsError(key, `unknown option; known ones are ${[...knownOptions].join(', ')}`);
    }
  }

  const host = optionalString(input.host, 'host') ?? '127.0.0.1';
  const port = input.port === undefined ? 0 : integerIn(input.port, 'port', 0, 65535);
  const issuer = input.issuer === undefined ? undefined : httpUrl(input.issuer, 'issuer');
  if (issuer !== undefined && (issuer.includes('?') || issuer.includes('#'))) {
    throw new OidcProviderOptionsError('issuer', 'must have no query or fragment');
  }
  const dataDir = requiredString(input.dataDir, 'dataDir');
  const resource = httpUrl(input.resource, 'resource');
  if (resource.includes('#')) {
    throw new OidcProviderOptionsError('resource', 'a resource indicator must not have a fragment');
  }

  const accessTokenTtlSeconds =
    input.accessTokenTtlSeconds === undefined ? 300 : positiveSeconds(input.accessTokenTtlSeconds, 'accessTokenTtlSeconds');
  const refreshTokenTtlSeconds =
    input.refreshTokenTtlSeconds === undefined
      ? 8 * 60 * 60
      : positiveSeconds(input.refreshTokenTtlSeconds, 'refreshTokenTtlSeconds');
  const idTokenTtlSeconds =
    input.idTokenTtlSeconds === undefined
      ? accessTokenTtlSeconds
      : positiveSeconds(input.idTokenTtlSeconds, 'idTokenTtlSeconds');

  const viewerInput = asObject(input.viewer, 'viewer');
  const redirectUris = urlList(viewerInput.redirectUris, 'viewer.redirectUris');
  if (redirectUris.length === 0) {
    throw new OidcProviderOptionsError('viewer.redirectUris', 'give at least one URL the viewer receives codes on');
  }
  const postLogoutRedirectUris =
    viewerInput.postLogoutRedirectUris === undefined
      ? []
      : urlList(viewerInput.postLogoutRedirectUris, 'viewer.postLogoutRedirectUris');
  const allowedOrigins =
    viewerInput.allowedOrigins === undefined
      ? [...new Set(redirectUris.map(uri => new URL(uri).origin))]
      : originList(viewerInput.allowedOrigins, 'viewer.allowedOrigins');

  const importerInput = input.importer === undefined ? {} : asObject(input.importer, 'importer');
  const clientSecret = optionalString(importerInput.clientSecret, 'importer.clientSecret') ?? defaultImporterClientSecret;

  const users = input.users === undefined ? demoUsers : userList(input.users);
  const testControl = input.testControl === undefined ? false : boolean(input.testControl, 'testControl');
  const accessTokenShape = input.accessTokenShape === undefined ? 'rfc9068' : shape(input.accessTokenShape);
  const idpProfile = input.idpProfile ?? 'oidc';
  if (!isIdpProfileName(idpProfile)) {
    throw new OidcProviderOptionsError('idpProfile', `must be one of ${idpProfileNames.join(', ')}`);
  }
  if (idpProfile !== 'oidc' && accessTokenShape !== 'rfc9068') {
    throw new OidcProviderOptionsError('accessTokenShape', `cannot be combined with idpProfile "${idpProfile}", which shapes the tokens itself`);
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

function shape(value: unknown): AccessTokenShape {
  if (!accessTokenShapes.includes(value as AccessTokenShape)) {
    throw new OidcProviderOptionsError('accessTokenShape', `must be one of ${accessTokenShapes.join(', ')}`);
  }
  return value as AccessTokenShape;
}

function asObject(value: unknown, option: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OidcProviderOptionsError(option, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function requiredString(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new OidcProviderOptionsError(option, 'is required and must be a non-empty string');
  }
  return value;
}

function optionalString(value: unknown, option: string): string | undefined {
  return value === undefined ? undefined : requiredString(value, option);
}

function boolean(value: unknown, option: string): boolean {
  if (typeof value !== 'boolean') {
    throw new OidcProviderOptionsError(option, 'must be true or false');
  }
  return value;
}

function integerIn(value: unknown, option: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OidcProviderOptionsError(option, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

function positiveSeconds(value: unknown, option: string): number {
  return integerIn(value, option, 1, 366 * 24 * 60 * 60);
}

function httpUrl(value: unknown, option: string): string {
  const text = requiredString(value, option);
  const url = URL.parse(text);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new OidcProviderOptionsError(option, `must be an absolute http(s) URL, got ${JSON.stringify(text)}`);
  }
  return text;
}

function urlList(value: unknown, option: string): string[] {
  if (!Array.isArray(value)) {
    throw new OidcProviderOptionsError(option, 'must be an array of absolute http(s) URLs');
  }
  return value.map((item, index) => httpUrl(item, `${option}[${index}]`));
}

function originList(value: unknown, option: string): string[] {
  return urlList(value, option).map((text, index) => {
    if (new URL(text).origin !== text) {
      throw new OidcProviderOptionsError(
        `${option}[${index}]`,
        `must be an origin (scheme://host[:port], no path or trailing slash), got ${JSON.stringify(text)}`,
      );
    }
    return text;
  });
}

function userList(value: unknown): LocalUser[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new OidcProviderOptionsError('users', 'must be a non-empty array of { username, password, groups }');
  }
  const seen = new Set<string>();
  return value.map((item, index) => {
    const option = `users[${index}]`;
    const user = asObject(item, option);
    const username = requiredString(user.username, `${option}.username`);
    if (seen.has(username)) {
      throw new OidcProviderOptionsError(`${option}.username`, `${JSON.stringify(username)} is listed twice`);
    }
    seen.add(username);
    const password = requiredString(user.password, `${option}.password`);
    const name = optionalString(user.name, `${option}.name`);
    if (!Array.isArray(user.groups) || user.groups.length === 0) {
      throw new OidcProviderOptionsError(`${option}.groups`, `must be a non-empty array of ${userGroups.join(' or ')}`);
    }
    const groups = user.groups.map((group: unknown, groupIndex) => {
      if (!userGroups.includes(group as UserGroup)) {
        throw new OidcProviderOptionsError(`${option}.groups[${groupIndex}]`, `must be ${userGroups.join(' or ')}`);
      }
      return group as UserGroup;
    });
    return name === undefined ? { username, password, groups } : { username, password, name, groups };
  });
}
