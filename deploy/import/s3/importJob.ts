import { randomUUID } from 'node:crypto';
import {
  GetDICOMImportJobCommand,
  StartDICOMImportJobCommand,
  type DICOMImportJobProperties,
  type MedicalImagingClient,
} from '@aws-sdk/client-medical-imaging';
import { backoffCeilingMs } from 'ohif-healthimaging-retry';
import { describeAwsError, ImportJobError } from '../errors';

export interface StartImportJobOptions {
  client: MedicalImagingClient;
  datastoreId: string;
  roleArn: string;
  inputS3Uri: string;
  outputS3Uri: string;
  jobName: string;
}

/**
 * StartDICOMImportJob with HealthImaging assuming `roleArn`. A refusal names what the caller needs: the action on
 * the datastore and iam:PassRole on the role.
 * @throws ImportJobError
 */
export async function startImportJob(options: StartImportJobOptions): Promise<string> {
  const { client, datastoreId, roleArn } = options;
  const answer = await client
    .send(
      new StartDICOMImportJobCommand({
        datastoreId,
        dataAccessRoleArn: roleArn,
        // Idempotency: the SDK's own retries of this request start one job, not several.
        clientToken: randomUUID(),
        inputS3Uri: options.inputS3Uri,
        outputS3Uri: options.outputS3Uri,
        jobName: options.jobName,
      }),
    )
    .catch((error: unknown) => {
      const denied = (error as { name?: string }).name === 'AccessDeniedException';
      throw new ImportJobError(
        `HealthImaging refused StartDICOMImportJob on datastore ${datastoreId} (${describeAwsError(error)})` +
          (denied
            ? `: the AWS credentials in use need medical-imaging:StartDICOMImportJob on the datastore and iam:PassRole on the import role ${roleArn}`
            : ''),
        { cause: error },
      );
    });
  if (!answer.jobId) throw new ImportJobError('HealthImaging answered StartDICOMImportJob without a job id');
  return answer.jobId;
}

export interface WaitForImportJobOptions {
  client: MedicalImagingClient;
  datastoreId: string;
  jobId: string;
  /** First wait between checks; doubled up to `maxPollMs` (no jitter: one poller has no crowd to spread). */
  firstPollMs: number;
  maxPollMs: number;
  /** Told after every check, and how long until the next. */
  onStatus?: (status: { job: DICOMImportJobProperties; nextCheckMs?: number }) => void;
}

/**
 * Polls GetDICOMImportJob until the job is COMPLETED or FAILED, waiting longer between checks as the job runs
 * (the retry core's backoff ceiling: a long job costs few calls). Resolves with the final properties; a FAILED job too
 * (its `message` says why).
 * @throws ImportJobError when the job cannot be read.
 */
export async function waitForImportJob(options: WaitForImportJobOptions): Promise<DICOMImportJobProperties> {
  const polling = { baseDelayMs: options.firstPollMs, maxDelayMs: options.maxPollMs };
  for (let check = 0; ; check += 1) {
    const answer = await options.client
      .send(new GetDICOMImportJobCommand({ datastoreId: options.datastoreId, jobId: options.jobId }))
      .catch((error: unknown) => {
        throw new ImportJobError(
          `Cannot read import job ${options.jobId} (GetDICOMImportJob: ${describeAwsError(error)})`,
          { cause: error },
        );
      });
    const job = answer.jobProperties;
    if (!job) throw new ImportJobError(`GetDICOMImportJob answered without the properties of job ${options.jobId}`);
    if (job.jobStatus === 'COMPLETED' || job.jobStatus === 'FAILED') {
      options.onStatus?.({ job });
      return job;
    }
    const nextCheckMs = backoffCeilingMs(check + 1, polling);
    options.onStatus?.({ job, nextCheckMs });
    await new Promise(resolve => setTimeout(resolve, nextCheckMs));
  }
}
