import { parseArgs } from 'node:util';
import { assertIntegerText, SettingsPath } from 'ohif-healthimaging-validation';

import { OidcProviderOptionsError } from './errors';
import type { OidcProviderOptions } from './OidcProviderOptions';

export const oidcProviderUsage = `Usage: tsx deploy/local/oidc/main.ts [--options '<json>'] [flags]
  --options <json>                 every option as a JSON object (see README); the flags below override it
  --data-dir <dir>                 folder for keys, sessions and refresh tokens (required)
  --resource <url>                 the DICOMweb endpoint base URL: audience of access tokens (required)
  --redirect-uri <url>             the viewer's redirect URI (repeat for several; at least one required)
  --post-logout-redirect-uri <url> where the viewer may ask to land after sign-out (repeatable)
  --allowed-origin <origin>        browser origin allowed to call the token endpoint (repeatable;
                                   default: the origins of the redirect URIs)
  --host <host>                    default 127.0.0.1
  --port <port>                    default 0 (any free port)
  --issuer <url>                   default http://<host>:<port>
  --access-token-ttl <seconds>     default 300
  --refresh-token-ttl <seconds>    default 28800
  --id-token-ttl <seconds>         default: the access token lifetime
  --importer-secret <secret>       client secret of dicom-importer (default dicom-importer-secret)
  --test-control                   serve GET /__local/stats and POST /__local/stats/reset
Prints {"ready":true,"issuer":"..."} on one line when listening; stops on SIGINT or SIGTERM.`;

/**
 * Turns the command line of main.ts into provider options (checked later by `startOidcProvider`).
 * Throws `OidcProviderOptionsError` for an unknown flag, bad JSON or a non-integer number.
 */
export function parseOidcProviderArguments(args: string[]): OidcProviderOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        options: { type: 'string' },
        'data-dir': { type: 'string' },
        resource: { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'post-logout-redirect-uri': { type: 'string', multiple: true },
        'allowed-origin': { type: 'string', multiple: true },
        host: { type: 'string' },
        port: { type: 'string' },
        issuer: { type: 'string' },
        'access-token-ttl': { type: 'string' },
        'refresh-token-ttl': { type: 'string' },
        'id-token-ttl': { type: 'string' },
        'importer-secret': { type: 'string' },
        'test-control': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new OidcProviderOptionsError('command line', `${(error as Error).message}\n${oidcProviderUsage}`);
  }

  const base = values.options === undefined ? {} : parseJsonOptions(values.options);
  const viewer = { ...(base.viewer ?? {}) } as Partial<OidcProviderOptions['viewer']>;
  if (values['redirect-uri']) viewer.redirectUris = values['redirect-uri'];
  if (values['post-logout-redirect-uri']) viewer.postLogoutRedirectUris = values['post-logout-redirect-uri'];
  if (values['allowed-origin']) viewer.allowedOrigins = values['allowed-origin'];

  const overrides: Partial<OidcProviderOptions> = {
    ...(values['data-dir'] !== undefined && { dataDir: values['data-dir'] }),
    ...(values.resource !== undefined && { resource: values.resource }),
    ...(values.host !== undefined && { host: values.host }),
    ...(values.port !== undefined && { port: integer(values.port, '--port') }),
    ...(values.issuer !== undefined && { issuer: values.issuer }),
    ...(values['access-token-ttl'] !== undefined && {
      accessTokenTtlSeconds: integer(values['access-token-ttl'], '--access-token-ttl'),
    }),
    ...(values['refresh-token-ttl'] !== undefined && {
      refreshTokenTtlSeconds: integer(values['refresh-token-ttl'], '--refresh-token-ttl'),
    }),
    ...(values['id-token-ttl'] !== undefined && {
      idTokenTtlSeconds: integer(values['id-token-ttl'], '--id-token-ttl'),
    }),
    ...(values['importer-secret'] !== undefined && {
      importer: { ...base.importer, clientSecret: values['importer-secret'] },
    }),
    ...(values['test-control'] && { testControl: true }),
  };
  return { ...base, ...overrides, viewer } as OidcProviderOptions;
}

function parseJsonOptions(text: string): Partial<OidcProviderOptions> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OidcProviderOptionsError('--options', 'is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new OidcProviderOptionsError('--options', 'must be a JSON object');
  }
  return json as Partial<OidcProviderOptions>;
}

/** Only the form: the range is the options' to check (`resolveOidcProviderOptions`). */
function integer(text: string, flag: string): number {
  const at = new SettingsPath(flag, (key, problem) => new OidcProviderOptionsError(key, problem), { style: 'comma' });
  return assertIntegerText(text, at, { min: 0, expected: 'a whole number' });
}
