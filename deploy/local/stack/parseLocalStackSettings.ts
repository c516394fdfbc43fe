import { resolve } from 'node:path';
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
  --import DIR           also import the DICOM files of this folder
  --no-throttle          turn off HealthImaging's 50 requests/s throttle
  --test-control         serve /__local/stats and /__local/knobs (tests and benchmarks)
  --json                 print one JSON line when ready
  --help                 this text`;

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
    if (!['viewer-port', 'oidc-port', 'dicomweb-port', 's3-port', 'import-jobs-port', 'data-dir', 'access-token-ttl', 'import'].includes(name)) {
      throw new LocalStackSettingsError(`--${name}`, `is not an option.\n${usage}`);
    }
    const value = inlineValue ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new LocalStackSettingsError(`--${name}`, 'needs a value');
    }
    flags.set(name, value);
  }
  const text = (flag: string, variable: string): string | undefined => {
    const value = flags.get(flag);
    return typeof value === 'string' ? value : environment[variable] || undefined;
  };
  const port = (flag: string, variable: string, fallback: number) =>
    integer(text(flag, variable), fallback, `--${flag} (or ${variable})`, 0, 65535, 'a port number from 1 to 65535 (0 picks a free one)');
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
    datastoreId: '10ca1da7a5e0d1c0b0e00000000000a1',
    throttle: flags.has('no-throttle') ? false : { ratePerSecond: 50, burst: 100 },
    testControl: flags.has('test-control'),
    json: flags.has('json'),
  };
  if (importDir) settings.importDir = resolve(userDirectory, importDir);
  const ports = [settings.viewerPort, settings.oidcPort, settings.dicomwebPort, settings.s3Port, settings.importJobsPort].filter(p => p !== 0);
  if (new Set(ports).size !== ports.length) {
    throw new LocalStackSettingsError('--viewer-port, --oidc-port, --dicomweb-port, --s3-port and --import-jobs-port', `must differ; got ${ports.join(', ')}`);
  }
  return settings;
}

function integer(value: string | undefined, fallback: number, name: string, min: number, max: number, expectation: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new LocalStackSettingsError(name, `must be ${expectation}; got "${value}"`);
  }
  return number;
}
