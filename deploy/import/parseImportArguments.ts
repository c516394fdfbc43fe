import { parseArgs } from 'node:util';
import { assertIntegerText, assertString, SettingsPath } from 'ohif-healthimaging-validation';
import { dicomWebRoot, healthImagingIdRule, isHealthImagingId } from 'ohif-healthimaging-contract';
import { defaultBatchLimits } from './batches';
import { ImportSettingError } from './errors';
import { defaultImportRetry } from './importRetryPolicy';
import { parseS3ImportArguments, s3ImportUsage, s3OnlyFlags, type S3ImportCommand } from './s3/parseS3ImportArguments';
import { defaultRedirectPort } from './userSignIn';

/** What `npm run import` was asked to do, checked. */
export interface ImportCommand {
  folder: string;
  dicomwebUrl: string;
  credentials:
    | {
        kind: 'client-credentials';
        issuer: string;
        clientId: string;
        clientSecret: string;
        scope?: string;
        resource?: string;
      }
    | { kind: 'sign-in'; issuer: string; clientId: string; scope?: string; redirectPort?: number }
    | { kind: 'token-file'; path: string }
    | { kind: 'token'; token: string };
  batch: { maxFiles: number; maxBytes: number };
  retry: { maxRetries: number };
  /** Print the summary as JSON on stdout instead of text. */
  json: boolean;
}

export const importUsage = `Usage: npm run import -- <folder> (--endpoint <url> | --region <region> --datastore-id <id>) <credentials> [options]

Sends every DICOM Part 10 file below <folder> (recursively) to a DICOMweb datastore with STOW-RS.

Where to:
  --endpoint <url>          DICOMweb root, http(s)://<host>/datastore/<id> (local stack: printed by npm start)
  --region <region>         AWS region of the HealthImaging datastore (with --datastore-id)
  --datastore-id <id>       HealthImaging datastore id (stack output DatastoreId)

Credentials (one of):
  --issuer <url> --client-id <id> [--client-secret <secret>] [--scope <scopes>] [--resource <uri>]
                            OAuth client-credentials grant; the token endpoint is discovered from
                            <issuer>/.well-known/openid-configuration. Prefer the environment variable
                            IMPORT_CLIENT_SECRET to --client-secret (command lines are visible to other users).
  --sign-in --issuer <url> --client-id <id> [--scope <scopes>] [--redirect-port <n>]
                            sign a person in: prints a URL to open in a browser; the provider sends the browser
                            back to http://127.0.0.1:<n>/callback (default 8765), which the public client
                            <id> must allow (authorization code + PKCE, refresh token for long imports)
  --token-file <file>       a file holding an access token
  IMPORT_ACCESS_TOKEN       environment variable holding an access token

Options:
  --batch-files <n>         most files per request (default ${defaultBatchLimits.maxFiles})
  --batch-mb <n>            most MiB per request (default ${defaultBatchLimits.maxBytes / 1024 / 1024})
  --max-retries <n>         retries of a 408/429/502/503/504 answer or a network error (default ${defaultImportRetry.maxRetries})
  --json                    print the summary as JSON on stdout
  --help                    show this help

${s3ImportUsage}

Exit code: 0 when every DICOM file was accepted, 1 when any was rejected or the import failed, 2 for wrong arguments.`;

/** Parses the command line (`argv` without node and the script) and the environment. Throws ImportSettingError. */
export function parseImportArguments(argv: string[], env: NodeJS.ProcessEnv): ImportCommand | S3ImportCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        endpoint: { type: 'string' },
        region: { type: 'string' },
        'datastore-id': { type: 'string' },
        issuer: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        scope: { type: 'string' },
        resource: { type: 'string' },
        'token-file': { type: 'string' },
        'sign-in': { type: 'boolean', default: false },
        'redirect-port': { type: 'string' },
        'batch-files': { type: 'string' },
        'batch-mb': { type: 'string' },
        'max-retries': { type: 'string' },
        json: { type: 'boolean', default: false },
        via: { type: 'string' },
        ...Object.fromEntries(s3OnlyFlags.map(flag => [flag, { type: 'string' as const }])),
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new ImportSettingError(
      'arguments:',
      `${(error as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1 || !positionals[0]) {
    throw new ImportSettingError(
      '<folder>',
      `must be given exactly once (got ${positionals.length === 0 ? 'none' : positionals.join(', ')})`,
    );
  }
  if (values.via !== undefined && values.via !== 'stow' && values.via !== 's3') {
    throw new ImportSettingError(
      '--via',
      `must be stow (DICOMweb STOW-RS, the default) or s3 (HealthImaging import jobs), got ${JSON.stringify(values.via)}`,
    );
  }
  if (values.via === 's3') return parseS3ImportArguments(values, positionals[0]);
  const s3Flag = s3OnlyFlags.find(flag => (values as Values)[flag] !== undefined);
  if (s3Flag !== undefined) throw new ImportSettingError(`--${s3Flag}`, 'is for import jobs: add --via s3');
  return {
    folder: positionals[0],
    dicomwebUrl: dicomwebUrl(values),
    credentials: credentials(values, env),
    batch: {
      maxFiles: positiveInteger(values['batch-files'], '--batch-files', defaultBatchLimits.maxFiles),
      maxBytes:
        positiveInteger(values['batch-mb'], '--batch-mb', defaultBatchLimits.maxBytes / 1024 / 1024) * 1024 * 1024,
    },
    retry: { maxRetries: positiveInteger(values['max-retries'], '--max-retries', defaultImportRetry.maxRetries, 0) },
    json: values.json === true,
  };
}

type Values = Record<string, string | boolean | undefined>;

function dicomwebUrl(values: Values): string {
  const endpoint = values.endpoint as string | undefined;
  const region = values.region as string | undefined;
  const datastoreId = values['datastore-id'] as string | undefined;
  if (endpoint !== undefined) {
    if (region !== undefined || datastoreId !== undefined) {
      throw new ImportSettingError(
        '--endpoint',
        'cannot be combined with --region/--datastore-id: give one or the other',
      );
    }
    if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?\/datastore\/[^/\s]+\/?$/.test(endpoint)) {
      throw new ImportSettingError(
        '--endpoint',
        `must be a DICOMweb root ending in /datastore/<id>, got ${JSON.stringify(endpoint)}`,
      );
    }
    return endpoint.replace(/\/$/, '');
  }
  if (region === undefined && datastoreId === undefined) {
    throw new ImportSettingError(
      '--endpoint',
      'or --region with --datastore-id is required: where should the files go?',
    );
  }
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new ImportSettingError(
      '--region',
      `must be an AWS region such as eu-west-1, got ${JSON.stringify(region ?? '')}`,
    );
  }
  if (!isHealthImagingId(datastoreId)) {
    throw new ImportSettingError(
      '--datastore-id',
      `must be a HealthImaging datastore id (${healthImagingIdRule}), got ${JSON.stringify(datastoreId ?? '')}`,
    );
  }
  return dicomWebRoot(region, datastoreId);
}

function credentials(values: Values, env: NodeJS.ProcessEnv): ImportCommand['credentials'] {
  const issuer = values.issuer as string | undefined;
  const clientId = values['client-id'] as string | undefined;
  const tokenFile = values['token-file'] as string | undefined;
  const envToken = env.IMPORT_ACCESS_TOKEN?.trim();
  const chosen = [issuer !== undefined || clientId !== undefined, tokenFile !== undefined, Boolean(envToken)].filter(
    Boolean,
  ).length;
  if (chosen === 0) {
    throw new ImportSettingError(
      'credentials',
      'are required: --issuer with --client-id (client credentials), --token-file, or IMPORT_ACCESS_TOKEN',
    );
  }
  if (chosen > 1) {
    throw new ImportSettingError(
      'credentials',
      'are given more than once: use only one of --issuer/--client-id, --token-file, IMPORT_ACCESS_TOKEN',
    );
  }
  if (tokenFile !== undefined) {
    if (tokenFile === '') throw new ImportSettingError('--token-file', 'must name a file holding an access token');
    return { kind: 'token-file', path: tokenFile };
  }
  if (envToken) return { kind: 'token', token: envToken };
  if (values['sign-in']) return signInCredentials(values, issuer, clientId);
  if (!issuer || !/^https?:\/\/\S+$/.test(issuer))
    throw new ImportSettingError('--issuer', `must be the provider's issuer URL, got ${JSON.stringify(issuer ?? '')}`);
  if (!clientId)
    throw new ImportSettingError(
      '--client-id',
      'is required with --issuer (the confidential client allowed the client-credentials grant)',
    );
  const clientSecret = (values['client-secret'] as string | undefined) ?? env.IMPORT_CLIENT_SECRET;
  if (!clientSecret)
    throw new ImportSettingError(
      '--client-secret',
      'or the environment variable IMPORT_CLIENT_SECRET is required with --client-id',
    );
  const result: ImportCommand['credentials'] = { kind: 'client-credentials', issuer, clientId, clientSecret };
  if (values.scope) result.scope = values.scope as string;
  if (values.resource) result.resource = values.resource as string;
  return result;
}

function signInCredentials(
  values: Values,
  issuer: string | undefined,
  clientId: string | undefined,
): ImportCommand['credentials'] {
  if (!issuer || !/^https?:\/\/\S+$/.test(issuer))
    throw new ImportSettingError('--issuer', `must be the provider's issuer URL, got ${JSON.stringify(issuer ?? '')}`);
  if (!clientId)
    throw new ImportSettingError(
      '--client-id',
      'is required with --sign-in (a public client allowing the loopback redirect)',
    );
  if (values['client-secret'] !== undefined)
    throw new ImportSettingError('--client-secret', 'has no use with --sign-in: the person signs in, not a client');
  const result: ImportCommand['credentials'] = { kind: 'sign-in', issuer, clientId };
  if (values.scope) result.scope = values.scope as string;
  if (values['redirect-port'] !== undefined)
    result.redirectPort = positiveInteger(values['redirect-port'], '--redirect-port', defaultRedirectPort);
  return result;
}

function positiveInteger(value: unknown, flag: string, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  const at = new SettingsPath(flag, (key, problem) => new ImportSettingError(key, problem), { style: 'comma' });
  const expected = `a whole number ≥ ${minimum}`;
  return assertIntegerText(assertString(value, at, expected), at, { min: minimum, expected });
}
