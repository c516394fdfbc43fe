import { healthImagingIdRule, isHealthImagingId } from 'ohif-healthimaging-contract';
import { ImportSettingError } from '../errors';
import { defaultImportRetry } from '../importRetryPolicy';
import { defaultConcurrency, defaultPartBytes } from './importViaS3';
import { parseS3Uri, s3Location } from './S3Location';

/** What `npm run import -- <folder> --via s3 ...` was asked to do, checked. Values not given come from the stack. */
export interface S3ImportCommand {
  via: 's3';
  folder: string;
  region: string;
  datastoreId: string;
  /** Default: stack output ImportBucketName. */
  bucket?: string;
  /** Key prefix the files go below. Default: `<stack output ImportInputPrefix><folder name>/`. */
  prefix?: string;
  /** Default: stack output ImportOutputS3Uri, else `s3://<bucket>/import-output/`. */
  outputS3Uri?: string;
  /** Default: stack output ImportRoleArn. */
  roleArn?: string;
  /** The CloudFormation stack whose outputs fill in the defaults. Default `OhifHealthImaging`. */
  stackName: string;
  /** The local stack's S3-compatible server and import-job emulation, instead of AWS. */
  s3Endpoint?: string;
  medicalImagingEndpoint?: string;
  concurrency: number;
  partBytes: number;
  maxRetries: number;
  /** Watch and report this job instead of uploading and starting one. */
  jobId?: string;
  /** First wait between job status checks (ms). */
  firstPollMs: number;
  json: boolean;
}

/** Flags only the S3 path takes (the STOW path refuses them). */
export const s3OnlyFlags = [
  'bucket',
  'prefix',
  'output-s3-uri',
  'role-arn',
  'stack-name',
  's3-endpoint',
  'medical-imaging-endpoint',
  'concurrency',
  'part-mb',
  'poll-seconds',
  'job-id',
] as const;
/** Flags of the STOW path the S3 path refuses. */
const stowOnlyFlags = [
  'endpoint',
  'issuer',
  'client-id',
  'client-secret',
  'scope',
  'resource',
  'token-file',
  'sign-in',
  'redirect-port',
  'batch-files',
  'batch-mb',
] as const;

export const s3ImportUsage = `Import jobs from S3 (--via s3): uploads the DICOM files to S3 (skipping those already there), starts a
HealthImaging import job, waits for it and reports each file: its image set, or HealthImaging's reason.
  npm run import -- <folder> --via s3 --region <region> --datastore-id <id> [--bucket <name>] [--prefix <p>] [options]
  --bucket <name>           input bucket (default: stack output ImportBucketName)
  --prefix <p>              key prefix of this folder's files (default: <ImportInputPrefix><folder name>/);
                            use the same prefix again to resume an interrupted upload
  --output-s3-uri <uri>     where the job writes its results (default: stack output ImportOutputS3Uri)
  --role-arn <arn>          role HealthImaging assumes to read and write S3 (default: stack output ImportRoleArn)
  --stack-name <name>       stack whose outputs give the defaults (default OhifHealthImaging)
  --s3-endpoint <url>       an S3-compatible server instead of AWS (local stack)
  --medical-imaging-endpoint <url>  another HealthImaging control plane (local stack's emulation)
  --concurrency <n>         files uploaded at once (default ${defaultConcurrency})
  --part-mb <n>             multipart part size in MiB, at least 5 (default ${defaultPartBytes / 1024 / 1024})
  --job-id <id>             only wait for and report this job (started earlier; nothing is uploaded)
  --poll-seconds <n>        first wait between job status checks, growing to 60 s (default 5)
  --max-retries <n>         retries of throttled or failed AWS calls (default ${defaultImportRetry.maxRetries})
  --json                    one JSON line per file, then a line {"summary": ...}
AWS credentials come from the standard chain (environment, profile, SSO, instance role).`;

type Values = Record<string, string | boolean | undefined>;

/** Checks the S3 path's flags. @throws ImportSettingError */
export function parseS3ImportArguments(values: Values, folder: string): S3ImportCommand {
  for (const flag of stowOnlyFlags) {
    if (values[flag] !== undefined && values[flag] !== false)
      throw new ImportSettingError(
        `--${flag}`,
        'belongs to the STOW-RS path; --via s3 uses AWS credentials and S3 (see --help)',
      );
  }
  const text = (flag: string) => values[flag] as string | undefined;
  const region = text('region');
  if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw new ImportSettingError(
      '--region',
      `must be an AWS region such as eu-west-1, got ${JSON.stringify(region ?? '')}`,
    );
  const datastoreId = text('datastore-id');
  if (!isHealthImagingId(datastoreId)) {
    throw new ImportSettingError(
      '--datastore-id',
      `must be a HealthImaging datastore id (${healthImagingIdRule}), got ${JSON.stringify(datastoreId ?? '')}`,
    );
  }
  const command: S3ImportCommand = {
    via: 's3',
    folder,
    region,
    datastoreId,
    stackName: text('stack-name') ?? 'OhifHealthImaging',
    concurrency: wholeNumber(text('concurrency'), '--concurrency', defaultConcurrency, 1, 64),
    partBytes: wholeNumber(text('part-mb'), '--part-mb', defaultPartBytes / 1024 / 1024, 5, 5120) * 1024 * 1024,
    maxRetries: wholeNumber(text('max-retries'), '--max-retries', defaultImportRetry.maxRetries, 0, 20),
    firstPollMs: wholeNumber(text('poll-seconds'), '--poll-seconds', 5, 1, 60) * 1000,
    json: values.json === true,
  };
  const bucket = text('bucket');
  if (bucket !== undefined) command.bucket = s3Location(bucket, '').bucket;
  const prefix = text('prefix');
  if (prefix !== undefined) command.prefix = s3Location(command.bucket ?? 'placeholder-bucket', prefix).prefix;
  const output = text('output-s3-uri');
  if (output !== undefined) parseS3Uri(output, '--output-s3-uri');
  if (output !== undefined) command.outputS3Uri = output;
  const jobId = text('job-id');
  if (jobId !== undefined) {
    if (!/^[0-9a-z]{1,32}$/.test(jobId))
      throw new ImportSettingError(
        '--job-id',
        `must be a HealthImaging job id (up to 32 lowercase letters and digits), got ${JSON.stringify(jobId)}`,
      );
    command.jobId = jobId;
  }
  const roleArn = text('role-arn');
  if (roleArn !== undefined) {
    if (!/^arn:aws(-[^:]+)?:iam::[0-9]{12}:role\/.+$/.test(roleArn))
      throw new ImportSettingError(
        '--role-arn',
        `must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got ${JSON.stringify(roleArn)}`,
      );
    command.roleArn = roleArn;
  }
  for (const [flag, key] of [
    ['s3-endpoint', 's3Endpoint'],
    ['medical-imaging-endpoint', 'medicalImagingEndpoint'],
  ] as const) {
    const url = text(flag);
    if (url === undefined) continue;
    const parsed = URL.parse(url);
    if (!parsed || !/^https?:$/.test(parsed.protocol))
      throw new ImportSettingError(`--${flag}`, `must be an http(s):// URL, got ${JSON.stringify(url)}`);
    command[key] = url.replace(/\/$/, '');
  }
  return command;
}

function wholeNumber(
  value: string | undefined,
  flag: string,
  fallback: number,
  minimum: number,
  maximum: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < minimum || Number(value) > maximum) {
    throw new ImportSettingError(
      flag,
      `must be a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(value)}`,
    );
  }
  return Number(value);
}
