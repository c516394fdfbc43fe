import { resolve } from 'node:path';
import { assertIntegerText, assertUrl, SettingsPath } from 'ohif-healthimaging-validation';
import { idpProfileNames, isIdpProfileName } from '../oidc/idpProfiles';
import { defaultRetrieveQuota } from 'ohif-healthimaging-contract';
import { LocalStackSettingsError } from './LocalStackSettingsError';
import type { LocalStackSettings } from './LocalStackSettings';

const usage = `Usage: npm start -- [options]
  --viewer-port N        viewer port (default 3000, env VIEWER_PORT)
  --oidc-port N          OpenID Connect provider port (default 5001, env OIDC_PORT)
  --dicomweb-port N      DICOMweb endpoint port (default 5002, env DICOMWEB_PORT)
  --s3-port N            S3-compatible server for import jobs (default: a free port, printed; env S3_PORT)
  --import-jobs-port N   HealthImaging import-job emulation (default: a free port, printed; env IMPORT_JOBS_PORT)
  --data-dir DIR         where studies, keys and sessions are kept (default .data/local, env LOCAL_DATA_DIR)
  --access-token-ttl S   access token lifetime in seconds (default 300, env ACCESS_TOKEN_TTL)
  --request-timeout S    seconds a DICOMweb request (head and body) may take to arrive (default 300, env REQUEST_TIMEOUT)
  --import DIR           also import the DICOM files of this folder
  --throttle-rate N      retrieve quota: requests per second (default 50, HealthImaging's; env THROTTLE_RATE)
  --throttle-burst N     retrieve quota: burst (default 100, HealthImaging's; env THROTTLE_BURST)
  --no-throttle          turn off the retrieve throttle
  --extra-viewer-origin ORIGIN
                         also let the viewer at ORIGIN (e.g. an OHIF dev server, http://localhost:3000) sign in
                         and read; repeatable (env EXTRA_VIEWER_ORIGINS, comma-separated)
  --idp-profile NAME     the identity provider the local one stands in for: oidc (default), entra-id, entra-id-v1,
                         okta, keycloak, auth0 (its issuer form, tokens and discovery; the authorizer configured
                         as deploy/aws/README.md says for it; env IDP_PROFILE)
  --viewer-scope SCOPES  scopes the viewer asks for instead of the profile's, e.g. "openid profile" (env VIEWER_SCOPE)
  --test-control         serve /__local/stats and /__local/knobs (tests and benchmarks)
  --json                 print one JSON line when ready
  --help                 this text`;

const valueFlags = [
  'viewer-port',
  'oidc-port',
  'dicomweb-port',
  's3-port',
  'import-jobs-port',
  'data-dir',
  'access-token-ttl',
  'request-timeout',
  'import',
  'throttle-rate',
  'throttle-burst',
  'extra-viewer-origin',
  'idp-profile',
  'viewer-scope',
];

export class HelpRequested extends Error {
  constructor() {
    super(usage);
    this.name = 'HelpRequested';
  }
}

/** Reads `npm start` flags and environment variables; `repositoryRoot` anchors the default data folder. */
export function parseLocalStackSettings(
  argv: string[],
  environment: NodeJS.ProcessEnv,
  repositoryRoot: string,
): LocalStackSettings {
  const flags = new Map<string, string | true>();
  const extraViewerOrigins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] as string;
    if (argument === '--help' || argument === '-h') throw new HelpRequested();
    if (!argument.startsWith('--')) {
      throw new LocalStackSettingsError(`"${argument}"`, `is not an option.\n${usage}`);
    }
    const [name, inlineValue] = argument.slice(2).split('=', 2) as [string, string | undefined];
    if (['no-throttle', 'test-control', 'json'].includes(name)) {
      flags.set(name, true);
      continue;
    }
    if (!valueFlags.includes(name)) {
      throw new LocalStackSettingsError(`--${name}`, `is not an option.\n${usage}`);
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new LocalStackSettingsError(`--${name}`, 'needs a value');
    }
    if (name === 'extra-viewer-origin') extraViewerOrigins.push(value);
    else flags.set(name, value);
  }
  const text = (flag: string, variable: string): string | undefined => {
    const value = flags.get(flag);
    return typeof value === 'string' ? value : environment[variable] || undefined;
  };
  const port = (flag: string, variable: string, fallback: number) =>
    integer(
      text(flag, variable),
      fallback,
      `--${flag} (or ${variable})`,
      0,
      65535,
      'a port number from 1 to 65535 (0 picks a free one)',
    );
  // npm runs scripts from the repository root; a folder the user typed is relative to where they typed it.
  const userDirectory = environment.INIT_CWD || process.cwd();
  const importDir = text('import', 'LOCAL_IMPORT_DIR');
  const dataDir = text('data-dir', 'LOCAL_DATA_DIR');
  const settings: LocalStackSettings = {
    viewerPort: port('viewer-port', 'VIEWER_PORT', 3000),
    oidcPort: port('oidc-port', 'OIDC_PORT', 5001),
    dicomwebPort: port('dicomweb-port', 'DICOMWEB_PORT', 5002),
    // Free ports unless asked: stacks started side by side (tests, benchmarks) never collide on them.
    s3Port: port('s3-port', 'S3_PORT', 0),
    importJobsPort: port('import-jobs-port', 'IMPORT_JOBS_PORT', 0),
    dataDir: dataDir ? resolve(userDirectory, dataDir) : resolve(repositoryRoot, '.data/local'),
    accessTokenTtlSeconds: integer(
      text('access-token-ttl', 'ACCESS_TOKEN_TTL'),
      300,
      '--access-token-ttl (or ACCESS_TOKEN_TTL)',
      5,
      86400,
      'a number of seconds from 5 to 86400',
    ),
    requestTimeoutSeconds: integer(
      text('request-timeout', 'REQUEST_TIMEOUT'),
      300,
      '--request-timeout (or REQUEST_TIMEOUT)',
      1,
      86400,
      'a number of seconds from 1 to 86400',
    ),
    datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
    throttle: throttle(
      flags.has('no-throttle'),
      text('throttle-rate', 'THROTTLE_RATE'),
      text('throttle-burst', 'THROTTLE_BURST'),
    ),
    idpProfile: idpProfileOf(text('idp-profile', 'IDP_PROFILE')),
    testControl: flags.has('test-control'),
    json: flags.has('json'),
    extraViewerOrigins: viewerOrigins(extraViewerOrigins, environment.EXTRA_VIEWER_ORIGINS),
  };
  if (importDir) settings.importDir = resolve(userDirectory, importDir);
  const viewerScope = text('viewer-scope', 'VIEWER_SCOPE');
  if (viewerScope !== undefined) {
    if (!viewerScope.split(/\s+/).includes('openid'))
      throw new LocalStackSettingsError('--viewer-scope', `must include openid; got "${viewerScope}"`);
    settings.viewerScope = viewerScope;
  }
  const ports = [
    settings.viewerPort,
    settings.oidcPort,
    settings.dicomwebPort,
    settings.s3Port,
    settings.importJobsPort,
  ].filter(p => p !== 0);
  if (new Set(ports).size !== ports.length) {
    throw new LocalStackSettingsError(
      '--viewer-port, --oidc-port, --dicomweb-port, --s3-port and --import-jobs-port',
      `must differ; got ${ports.join(', ')}`,
    );
  }
  return settings;
}

/**
 * HealthImaging's retrieve quota as the endpoint models it: the account's own figures (AWS support raises them) or
 * the default 50/s, burst 100. A burst below the rate would refuse a whole second's worth of requests at once.
 */
function throttle(off: boolean, rate: string | undefined, burst: string | undefined): LocalStackSettings['throttle'] {
  if (off) {
    if (rate !== undefined || burst !== undefined) {
      throw new LocalStackSettingsError('--no-throttle', 'cannot be combined with --throttle-rate or --throttle-burst');
    }
    return false;
  }
  const ratePerSecond = integer(
    rate,
    defaultRetrieveQuota.requestsPerSecond,
    '--throttle-rate (or THROTTLE_RATE)',
    1,
    100_000,
    'a whole number of requests per second from 1 to 100000',
  );
  const fallbackBurst = rate === undefined ? defaultRetrieveQuota.burst : ratePerSecond * 2;
  const parsedBurst = integer(
    burst,
    fallbackBurst,
    '--throttle-burst (or THROTTLE_BURST)',
    1,
    1_000_000,
    'a whole number of requests from 1 to 1000000',
  );
  return { ratePerSecond, burst: parsedBurst };
}

function idpProfileOf(value: string | undefined): LocalStackSettings['idpProfile'] {
  if (value === undefined) return 'oidc';
  if (!isIdpProfileName(value)) {
    throw new LocalStackSettingsError(
      '--idp-profile (or IDP_PROFILE)',
      `must be one of ${idpProfileNames.join(', ')}; got "${value}"`,
    );
  }
  return value;
}

/** The flags' origins, or else the environment variable's; each normalised to `scheme://host[:port]`. */
function viewerOrigins(fromFlags: string[], fromEnvironment: string | undefined): string[] {
  const name = fromFlags.length > 0 ? '--extra-viewer-origin' : 'EXTRA_VIEWER_ORIGINS';
  const values =
    fromFlags.length > 0
      ? fromFlags
      : (fromEnvironment ?? '')
          .split(',')
          .map(value => value.trim())
          .filter(Boolean);
  return [...new Set(values.map(value => origin(value, name)))];
}

/** Where a flag (or its environment variable) is named in messages; the name says which settings it is. */
function flag(name: string): SettingsPath {
  return new SettingsPath(name, (key, problem) => new LocalStackSettingsError(key, problem));
}

function origin(value: string, name: string): string {
  const expected = 'an origin: http(s), host and port, no path, e.g. http://localhost:3000';
  const text = assertUrl(value, flag(name), { expected, schemes: 'http-or-https' });
  const url = new URL(text);
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || /[?#]/.test(text))
    flag(name).expected(expected, value);
  return url.origin;
}

function integer(
  value: string | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
  expected: string,
): number {
  return value === undefined ? fallback : assertIntegerText(value, flag(name), { min, max, expected });
}
