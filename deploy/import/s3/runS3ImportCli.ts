import { basename, resolve } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { describeStackOutputs, type StackOutputs } from '../../aws/scripts/stackOutputs';
import { DeployStepError } from '../../aws/scripts/errors';
import { ImportFolderError, ImportJobError, ImportS3Error, ImportSettingError } from '../errors';
import { formatDuration, ProgressBar } from '../ProgressBar';
import { createAwsClients } from './awsClients';
import { importViaS3, type FileReport, type ImportViaS3Summary } from './importViaS3';
import type { S3ImportCommand } from './parseS3ImportArguments';
import { parseS3Uri, s3Location, type S3Location } from './S3Location';

export interface S3CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/** The stack outputs `--via s3` reads for what the command line leaves out (see ImportResources in the CDK app). */
export const importStackOutputNames = [
  'ImportBucketName',
  'ImportInputPrefix',
  'ImportOutputS3Uri',
  'ImportRoleArn',
] as const;

/**
 * Runs `npm run import -- --via s3`: resolves the bucket, prefixes and role (flags, else the stack outputs), uploads,
 * runs the job and prints one line per file as the job output is read. Resolves with the exit code: 0 every DICOM
 * file imported, 1 any failed or the import stopped, 2 wrong or missing settings.
 */
export async function runS3ImportCli(command: S3ImportCommand, env: NodeJS.ProcessEnv, io: S3CliIo): Promise<number> {
  const credentials =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: env.AWS_ACCESS_KEY_ID,
          secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
          ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        }
      : undefined;
  const clients = createAwsClients({
    region: command.region,
    maxRetries: command.maxRetries,
    ...(command.s3Endpoint ? { s3Endpoint: command.s3Endpoint } : {}),
    ...(command.medicalImagingEndpoint ? { medicalImagingEndpoint: command.medicalImagingEndpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
  try {
    const target = await resolveTarget(command, credentials);
    const print = (record: Record<string, unknown>, text: string) =>
      io.stdout.write(command.json ? `${JSON.stringify(record)}\n` : `${text}\n`);
    let bar: ProgressBar | undefined;
    const jobLine = jobStatusLine(io.stderr);
    const summary = await importViaS3({
      folder: command.folder,
      ...clients,
      datastoreId: command.datastoreId,
      roleArn: target.roleArn,
      input: target.input,
      output: target.output,
      concurrency: command.concurrency,
      partBytes: command.partBytes,
      firstPollMs: command.firstPollMs,
      ...(command.jobId === undefined ? {} : { jobId: command.jobId }),
      onSkipped: file =>
        print(
          { name: file.name, outcome: 'skipped', reason: file.reason },
          `skipped       ${file.name}: ${file.reason}`,
        ),
      onUploadProgress: progress => {
        bar ??= new ProgressBar(progress.bytesTotal, {
          label: 'Uploading',
          unit: 'bytes',
          stream: io.stderr,
          showRate: true,
        });
        bar.update(progress.bytesDone, `${progress.filesDone}/${progress.filesTotal} files`);
      },
      onJobStatus: status => {
        bar?.finish();
        bar = undefined;
        jobLine(status.job.jobId ?? '', status.job.jobStatus ?? '', status.nextCheckMs);
      },
      onFile: report => print(report, describeFile(report)),
    });
    bar?.finish();
    if (command.json) io.stdout.write(`${JSON.stringify({ summary })}\n`);
    else io.stdout.write(describeS3Summary(summary));
    // As the STOW path: 0 when every DICOM file was imported (also when there were none).
    const jobClean = summary.jobStatus === 'COMPLETED' && summary.failed === 0 && summary.withoutOutcome === 0;
    return summary.upload.failed === 0 && ((summary.upload.files === 0 && summary.jobId === undefined) || jobClean)
      ? 0
      : 1;
  } catch (error) {
    if (error instanceof ImportSettingError) {
      io.stderr.write(`import: ${error.message}\n`);
      return 2;
    }
    if (
      error instanceof ImportS3Error ||
      error instanceof ImportJobError ||
      error instanceof ImportFolderError ||
      error instanceof DeployStepError
    ) {
      io.stderr.write(`import: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    clients.s3Client.destroy();
    clients.medicalImagingClient.destroy();
  }
}

interface ImportTarget {
  roleArn: string;
  input: S3Location;
  output: S3Location;
}

async function resolveTarget(
  command: S3ImportCommand,
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined,
): Promise<ImportTarget> {
  let outputs: StackOutputs = {};
  const needsStack = command.bucket === undefined || command.roleArn === undefined;
  if (needsStack) {
    if (command.s3Endpoint !== undefined || command.medicalImagingEndpoint !== undefined) {
      throw new ImportSettingError(
        command.roleArn === undefined ? '--role-arn' : '--bucket',
        'is required with --s3-endpoint/--medical-imaging-endpoint (npm start prints both); stack outputs are read only from AWS',
      );
    }
    const cloudFormation = new CloudFormationClient({
      region: command.region,
      ...(credentials ? { credentials } : {}),
    });
    try {
      outputs = await describeStackOutputs(cloudFormation, command.stackName);
    } finally {
      cloudFormation.destroy();
    }
    const missing = importStackOutputNames.filter(name => !outputs[name]);
    if (missing.length > 0) {
      throw new ImportSettingError(
        '--stack-name',
        `(${command.stackName}) has no output(s) ${missing.join(', ')}: deploy this version of the stack, or give --bucket and --role-arn`,
      );
    }
  }
  const bucket = command.bucket ?? (outputs.ImportBucketName as string);
  const inputPrefix = outputs.ImportInputPrefix ?? '';
  const prefix = command.prefix ?? `${inputPrefix}${basename(resolve(command.folder))}/`;
  if (
    command.prefix !== undefined &&
    inputPrefix !== '' &&
    bucket === outputs.ImportBucketName &&
    !prefix.startsWith(inputPrefix)
  ) {
    throw new ImportSettingError(
      '--prefix',
      `must be below ${inputPrefix} in ${bucket}: the stack's import role reads only there, got ${JSON.stringify(prefix)}`,
    );
  }
  const output = command.outputS3Uri ?? outputs.ImportOutputS3Uri ?? `s3://${bucket}/import-output/`;
  return {
    roleArn: command.roleArn ?? (outputs.ImportRoleArn as string),
    input: s3Location(bucket, prefix),
    output: parseS3Uri(
      output,
      command.outputS3Uri !== undefined ? '--output-s3-uri' : 'stack output ImportOutputS3Uri',
    ),
  };
}

/** One stderr line per status: redrawn in place on a terminal, a new line per change elsewhere. */
function jobStatusLine(stream: S3CliIo['stderr']): (jobId: string, status: string, nextCheckMs?: number) => void {
  const startedAt = Date.now();
  let last = '';
  return (jobId, status, nextCheckMs) => {
    const elapsed = formatDuration((Date.now() - startedAt) / 1000);
    const line = `Import job ${jobId}: ${status}, ${elapsed} elapsed${nextCheckMs === undefined ? '' : `, next check in ${formatDuration(nextCheckMs / 1000)}`}`;
    if (stream.isTTY)
      stream.write(
        `\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd((stream.columns ?? 100) - 1)}${nextCheckMs === undefined ? '\n' : ''}`,
      );
    else if (status !== last) stream.write(`${line}\n`);
    last = status;
  };
}

function describeFile(report: FileReport): string {
  if (report.outcome === 'imported') return `imported      ${report.name}  image set ${report.imageSetId}`;
  if (report.outcome === 'failed') return `failed        ${report.name}: ${report.reason}`;
  return `not uploaded  ${report.name}: ${report.reason}`;
}

/** The closing lines: counts, and why the job failed when it did. */
export function describeS3Summary(summary: ImportViaS3Summary): string {
  const { upload } = summary;
  const lines =
    summary.upload.files === 0 && summary.jobId !== undefined
      ? []
      : [
          `Upload to ${summary.inputS3Uri}: ${upload.files} DICOM file(s), ${upload.uploaded} uploaded, ${upload.present} already there, ` +
            `${upload.failed} failed, ${upload.skipped} skipped (not DICOM).`,
        ];
  if (upload.files === 0 && summary.jobId === undefined) lines.push('Nothing to import: no DICOM files in the folder.');
  if (summary.jobId !== undefined) {
    lines.push(
      `Import job ${summary.jobId}: ${summary.jobStatus ?? 'unknown'}; ${summary.imported} imported into ${summary.imageSets} image set(s), ${summary.failed} failed.`,
    );
  }
  if (summary.jobMessage !== undefined) lines.push(`The job failed: ${summary.jobMessage}`);
  if (summary.withoutOutcome > 0)
    lines.push(`${summary.withoutOutcome} file(s) scanned by the job have no line in its output.`);
  if (summary.jobOutputS3Uri !== undefined) lines.push(`Job output: ${summary.jobOutputS3Uri}`);
  return `${lines.join('\n')}\n`;
}
