import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  failureKey,
  jobOutputPrefix,
  manifestKey,
  successKey,
  type ImportFailureLine,
  type ImportSuccessLine,
  type JobOutputManifest,
} from '../../import/s3/importJobOutput';
import { formatS3Uri, parseS3Uri, type S3Location } from '../../import/s3/S3Location';
import { InvalidDicomFileError, type ImportOutcome } from '../storage';
import { ControlPlaneError } from './ControlPlaneError';
import { accessDeniedMessage, roleAllows, type EmulatedImportRole, type S3Action } from './EmulatedIam';

export type JobStatus = 'SUBMITTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** DICOMImportJobProperties as GetDICOMImportJob returns them (dates as JavaScript dates). */
export interface ImportJobProperties {
  jobId: string;
  jobName: string;
  jobStatus: JobStatus;
  datastoreId: string;
  dataAccessRoleArn: string;
  inputS3Uri: string;
  outputS3Uri: string;
  submittedAt: Date;
  endedAt?: Date;
  message?: string;
}

export interface StartImportJobInput {
  jobName?: string;
  dataAccessRoleArn?: string;
  clientToken?: string;
  inputS3Uri?: string;
  outputS3Uri?: string;
}

/** What the emulation stores instances in: the local DicomStore's import path, as STOW-RS uses it. */
export interface ImportJobStore {
  importPart10(bytes: Uint8Array, sourceName: string): Promise<ImportOutcome>;
}

export interface ImportJobEmulatorOptions {
  datastoreId: string;
  store: ImportJobStore;
  /** Reads the input and writes the output (the S3-compatible server the importer uploads to). */
  s3Client: S3Client;
  /** The import roles that exist and what each may read and write (a stand-in for IAM). */
  roles: EmulatedImportRole[];
  /** Called with a line when a job ends. Default: nothing. */
  log?: (line: string) => void;
}

/**
 * HealthImaging's import jobs, emulated: StartDICOMImportJob queues a job; jobs run one after the other; each lists
 * the input prefix, stores every object with the DicomStore's import (as STOW-RS would), groups the instances of a
 * series into one image set, and writes `job-output-manifest.json`, `SUCCESS/success.ndjson` and
 * `FAILURE/failure.ndjson` below `<outputS3Uri>/<datastoreId>-DicomImport-<jobId>/`. The role is checked before
 * reading and writing (see EmulatedIam). Jobs live in memory: a restarted local stack forgets them.
 */
export class ImportJobEmulator {
  private readonly jobs = new Map<string, ImportJobProperties>();
  private readonly jobsByClientToken = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ImportJobEmulatorOptions) {}

  /** StartDICOMImportJob. @throws ControlPlaneError as the service answers a bad request. */
  startJob(datastoreId: string, input: StartImportJobInput): ImportJobProperties {
    this.assertDatastore(datastoreId);
    const roleArn = requiredText(
      input.dataAccessRoleArn,
      'dataAccessRoleArn',
      /^arn:aws(-[^:]+)?:iam::[0-9]{12}:role\/.+$/,
    );
    const inputS3Uri = requiredText(
      input.inputS3Uri,
      'inputS3Uri',
      /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/,
    );
    const outputS3Uri = requiredText(
      input.outputS3Uri,
      'outputS3Uri',
      /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/,
    );
    const clientToken = requiredText(input.clientToken, 'clientToken', /^[A-Za-z0-9-]{1,64}$/);
    const jobName =
      input.jobName === undefined ? undefined : requiredText(input.jobName, 'jobName', /^[A-Za-z0-9._/#-]{1,64}$/);
    const known = this.jobsByClientToken.get(clientToken);
    if (known !== undefined) return this.jobs.get(known) as ImportJobProperties;
    if (!this.options.roles.some(role => role.arn === roleArn)) {
      // IAM's answer when the caller may not pass the role (or the role does not exist).
      throw new ControlPlaneError(
        'AccessDeniedException',
        `User is not authorized to perform iam:PassRole on resource ${roleArn}`,
      );
    }
    const jobId = randomBytes(16).toString('hex');
    const output = parseS3Uri(outputS3Uri, 'outputS3Uri');
    const job: ImportJobProperties = {
      jobId,
      jobName: jobName ?? `import-${jobId.slice(0, 8)}`,
      jobStatus: 'SUBMITTED',
      datastoreId,
      dataAccessRoleArn: roleArn,
      inputS3Uri,
      // As the service: the job's own result folder.
      outputS3Uri: formatS3Uri({ bucket: output.bucket, prefix: jobOutputPrefix(output.prefix, datastoreId, jobId) }),
      submittedAt: new Date(),
    };
    this.jobs.set(jobId, job);
    this.jobsByClientToken.set(clientToken, jobId);
    this.queue = this.queue.then(() => this.run(job));
    return { ...job };
  }

  /** GetDICOMImportJob. */
  getJob(datastoreId: string, jobId: string): ImportJobProperties {
    this.assertDatastore(datastoreId);
    const job = this.jobs.get(jobId);
    if (!job)
      throw new ControlPlaneError(
        'ResourceNotFoundException',
        `Import job ${jobId} does not exist in datastore ${datastoreId}`,
      );
    return { ...job };
  }

  /** ListDICOMImportJobs: newest first, `maxResults` per page (default 50), `nextToken` the offset of the next page. */
  listJobs(
    datastoreId: string,
    filter: { jobStatus?: string; maxResults?: number; nextToken?: string },
  ): { jobs: ImportJobProperties[]; nextToken?: string } {
    this.assertDatastore(datastoreId);
    const all = [...this.jobs.values()]
      .filter(job => filter.jobStatus === undefined || job.jobStatus === filter.jobStatus)
      .reverse();
    const start = filter.nextToken === undefined ? 0 : Number(filter.nextToken);
    if (!Number.isInteger(start) || start < 0)
      throw new ControlPlaneError('ValidationException', 'nextToken is not one this service returned');
    const size = filter.maxResults ?? 50;
    const page = all.slice(start, start + size).map(job => ({ ...job }));
    return start + size < all.length ? { jobs: page, nextToken: String(start + size) } : { jobs: page };
  }

  /** Resolves when every job started so far has ended (tests, clean stop). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private assertDatastore(datastoreId: string): void {
    if (datastoreId !== this.options.datastoreId) {
      throw new ControlPlaneError(
        'ResourceNotFoundException',
        `Datastore ${datastoreId} does not exist (this endpoint serves ${this.options.datastoreId})`,
      );
    }
  }

  private async run(job: ImportJobProperties): Promise<void> {
    job.jobStatus = 'IN_PROGRESS';
    try {
      job.message = await this.importAll(job);
      job.jobStatus = 'COMPLETED';
    } catch (error) {
      job.jobStatus = 'FAILED';
      job.message =
        error instanceof JobFailure ? error.message : `Internal error: ${(error as Error).message ?? String(error)}`;
    }
    job.endedAt = new Date();
    this.options.log?.(`import job ${job.jobId}: ${job.jobStatus}${job.message ? ` (${job.message})` : ''}`);
  }

  private async importAll(job: ImportJobProperties): Promise<string | undefined> {
    const role = this.options.roles.find(candidate => candidate.arn === job.dataAccessRoleArn) as EmulatedImportRole;
    const input = parseS3Uri(job.inputS3Uri, 'inputS3Uri');
    const output = parseS3Uri(job.outputS3Uri, 'outputS3Uri');
    const demand = (action: S3Action, uri: string) => {
      if (!roleAllows(role, action, uri)) throw new JobFailure(accessDeniedMessage(role, action, uri));
    };
    demand('s3:ListBucket', job.inputS3Uri);
    demand('s3:PutObject', formatS3Uri(output, manifestKey));

    const successLines: string[] = [];
    const failureLines: string[] = [];
    const imageSets = new Map<string, number>();
    let scanned = 0;
    let serverErrors = 0;
    for await (const key of this.listKeys(input)) {
      scanned += 1;
      const inputFile = formatS3Uri({ bucket: input.bucket, prefix: '' }, key);
      demand('s3:GetObject', inputFile);
      try {
        const bytes = await this.read(input.bucket, key);
        const stored = await this.options.store.importPart10(bytes, key);
        const imageSetId = imageSetIdFor(job.datastoreId, stored);
        imageSets.set(imageSetId, (imageSets.get(imageSetId) ?? 0) + 1);
        const line: ImportSuccessLine = { inputFile, importResponse: { imageSetId, isPrimary: true } };
        successLines.push(JSON.stringify(line));
      } catch (error) {
        const customer = error instanceof InvalidDicomFileError;
        if (!customer) serverErrors += 1;
        const line: ImportFailureLine = {
          inputFile,
          exception: {
            exceptionType: customer ? 'ValidationException' : 'InternalServerException',
            message: customer ? error.reason : (error as Error).message,
          },
        };
        failureLines.push(JSON.stringify(line));
      }
    }
    if (scanned === 0) throw new JobFailure(`No files were found under the input prefix ${job.inputS3Uri}`);

    const manifest: JobOutputManifest = {
      jobSummary: {
        jobId: job.jobId,
        datastoreId: job.datastoreId,
        inputS3Uri: job.inputS3Uri,
        outputS3Uri: job.outputS3Uri,
        successOutputS3Uri: formatS3Uri(output, 'SUCCESS/'),
        failureOutputS3Uri: formatS3Uri(output, 'FAILURE/'),
        numberOfScannedFiles: scanned,
        numberOfImportedFiles: successLines.length,
        numberOfFilesWithCustomerError: failureLines.length - serverErrors,
        numberOfFilesWithServerError: serverErrors,
        numberOfGeneratedImageSets: imageSets.size,
        imageSetsSummary: [...imageSets].map(([imageSetId, count]) => ({
          imageSetId,
          numberOfMatchedSOPInstances: count,
          isPrimary: true,
        })),
      },
    };
    await this.write(output, successKey, successLines);
    await this.write(output, failureKey, failureLines);
    await this.write(output, manifestKey, [JSON.stringify(manifest)]);
    return undefined;
  }

  private async *listKeys(input: S3Location): AsyncGenerator<string> {
    let continuationToken: string | undefined;
    do {
      const page = await this.options.s3Client.send(
        new ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, ContinuationToken: continuationToken }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key !== undefined && !object.Key.endsWith('/')) yield object.Key;
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  private async read(bucket: string, key: string): Promise<Uint8Array> {
    const object = await this.options.s3Client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
  }

  private async write(output: S3Location, key: string, lines: string[]): Promise<void> {
    const body = Buffer.from(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
    await this.options.s3Client.send(
      new PutObjectCommand({
        Bucket: output.bucket,
        Key: `${output.prefix}${key}`,
        Body: body,
        ContentType: key.endsWith('.json') ? 'application/json' : 'application/x-ndjson',
      }),
    );
  }
}

/** A reason the whole job fails; its message becomes the job's `message`. */
class JobFailure extends Error {}

/**
 * One image set per series of a datastore, as HealthImaging organizes instances that do not conflict with stored
 * ones: the same series imported by two jobs lands in the same image set.
 */
export function imageSetIdFor(
  datastoreId: string,
  instance: Pick<ImportOutcome, 'studyInstanceUid' | 'seriesInstanceUid'>,
): string {
  return createHash('sha256')
    .update(`${datastoreId}/${instance.studyInstanceUid}/${instance.seriesInstanceUid}`)
    .digest('hex')
    .slice(0, 32);
}

function requiredText(value: unknown, name: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ControlPlaneError(
      'ValidationException',
      `${name} ${value === undefined ? 'is required' : `must match ${pattern.source}, got ${JSON.stringify(value)}`}`,
    );
  }
  return value;
}
