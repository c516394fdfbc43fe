import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsErrorStatus, ImportS3Error } from '../errors';
import {
  failureKey,
  manifestKey,
  parseOutcomeLine,
  successKey,
  type FileOutcome,
  type JobOutputManifest,
} from './importJobOutput';
import { formatS3Uri, type S3Location } from './S3Location';

/** The job's `job-output-manifest.json`; undefined when the job wrote none. @throws ImportS3Error */
export async function readJobManifest(s3Client: S3Client, folder: S3Location): Promise<JobOutputManifest | undefined> {
  const body = await getBody(s3Client, folder, manifestKey);
  if (body === undefined) return undefined;
  let text = '';
  for await (const chunk of body) text += String(chunk);
  return JSON.parse(text) as JobOutputManifest;
}

/**
 * Every file's outcome from `SUCCESS/success.ndjson` then `FAILURE/failure.ndjson`, one line at a time as the
 * objects stream in (a job of 100 000 files is never held at once). A missing file reads as no lines.
 * @throws ImportS3Error; SyntaxError naming a line that is not HealthImaging's shape.
 */
export async function* readJobOutcomes(s3Client: S3Client, folder: S3Location): AsyncGenerator<FileOutcome> {
  for (const [key, kind] of [
    [successKey, 'success'],
    [failureKey, 'failure'],
  ] as const) {
    const body = await getBody(s3Client, folder, key);
    if (body === undefined) continue;
    for await (const line of createInterface({ input: body, crlfDelay: Infinity })) {
      const outcome = parseOutcomeLine(line, kind);
      if (outcome) yield outcome;
    }
  }
}

async function getBody(s3Client: S3Client, folder: S3Location, key: string): Promise<Readable | undefined> {
  try {
    const answer = await s3Client.send(new GetObjectCommand({ Bucket: folder.bucket, Key: `${folder.prefix}${key}` }));
    return answer.Body as Readable | undefined;
  } catch (error) {
    if (awsErrorStatus(error) === 404) return undefined;
    throw new ImportS3Error('s3:GetObject', formatS3Uri(folder, key), error);
  }
}
