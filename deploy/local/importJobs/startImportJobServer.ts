import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../dicomweb/readBody';
import { ControlPlaneError } from './ControlPlaneError';
import type { ImportJobEmulator, ImportJobProperties } from './ImportJobEmulator';

export interface ImportJobServerOptions {
  emulator: ImportJobEmulator;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningImportJobServer {
  /** `http://127.0.0.1:<port>`: the `endpoint` of a MedicalImagingClient. */
  url: string;
  close(): Promise<void>;
}

/** StartDICOMImportJob bodies are a few hundred bytes. */
const bodyLimitBytes = 64 * 1024;

/**
 * HealthImaging's import-job control plane on loopback, with the routes and JSON shapes of the service's REST API
 * (what `@aws-sdk/client-medical-imaging` sends and reads): StartDICOMImportJob, GetDICOMImportJob and
 * ListDICOMImportJobs. Requests must be SigV4-signed (any local credentials); the signature is not verified.
 */
export async function startImportJobServer(options: ImportJobServerOptions): Promise<RunningImportJobServer> {
  const { emulator } = options;
  const server = createServer((request, response) => {
    handle(emulator, request).then(
      ({ status, body }) => send(response, status, body),
      (error: unknown) => {
        const failure =
          error instanceof ControlPlaneError
            ? error
            : new ControlPlaneError('InternalServerException', (error as Error).message ?? String(error));
        send(response, failure.status, { message: failure.message }, failure.errorType);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

async function handle(
  emulator: ImportJobEmulator,
  request: IncomingMessage,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(request.url ?? '/', 'http://local');
  if (!/^AWS4-HMAC-SHA256 Credential=/.test(request.headers.authorization ?? '')) {
    throw new ControlPlaneError(
      'AccessDeniedException',
      'Missing Authentication Token: sign the request with AWS Signature Version 4',
    );
  }
  const path = url.pathname.split('/').map(decodeURIComponent);
  // ['', 'startDICOMImportJob', 'datastore', '<id>'] and the like.
  if (request.method === 'POST' && path.length === 4 && path[1] === 'startDICOMImportJob' && path[2] === 'datastore') {
    const job = emulator.startJob(path[3] as string, await readJson(request));
    return {
      status: 200,
      body: {
        datastoreId: job.datastoreId,
        jobId: job.jobId,
        jobStatus: job.jobStatus,
        submittedAt: epochSeconds(job.submittedAt),
      },
    };
  }
  if (
    request.method === 'GET' &&
    path.length === 6 &&
    path[1] === 'getDICOMImportJob' &&
    path[2] === 'datastore' &&
    path[4] === 'job'
  ) {
    return { status: 200, body: { jobProperties: wireJob(emulator.getJob(path[3] as string, path[5] as string)) } };
  }
  if (request.method === 'GET' && path.length === 4 && path[1] === 'listDICOMImportJobs' && path[2] === 'datastore') {
    const maxResults = url.searchParams.get('maxResults');
    const filter: Parameters<ImportJobEmulator['listJobs']>[1] = {};
    if (url.searchParams.has('jobStatus')) filter.jobStatus = url.searchParams.get('jobStatus') as string;
    if (url.searchParams.has('nextToken')) filter.nextToken = url.searchParams.get('nextToken') as string;
    if (maxResults !== null) {
      filter.maxResults = Number(maxResults);
      if (!Number.isInteger(filter.maxResults) || filter.maxResults < 1 || filter.maxResults > 50) {
        throw new ControlPlaneError('ValidationException', `maxResults must be 1 to 50, got ${maxResults}`);
      }
    }
    const { jobs, nextToken } = emulator.listJobs(path[3] as string, filter);
    return {
      status: 200,
      body: {
        jobSummaries: jobs.map(job => {
          const { inputS3Uri: _input, outputS3Uri: _output, ...summary } = wireJob(job);
          return summary;
        }),
        ...(nextToken === undefined ? {} : { nextToken }),
      },
    };
  }
  throw new ControlPlaneError(
    'ResourceNotFoundException',
    `No import-job operation at ${request.method ?? ''} ${url.pathname} (this endpoint emulates StartDICOMImportJob, GetDICOMImportJob and ListDICOMImportJobs)`,
  );
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readBody(request, bodyLimitBytes)).toString('utf8');
  } catch (error) {
    throw new ControlPlaneError('ValidationException', (error as Error).message);
  }
  try {
    const json: unknown = JSON.parse(text === '' ? '{}' : text);
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new SyntaxError('not an object');
    return json as Record<string, unknown>;
  } catch {
    throw new ControlPlaneError('ValidationException', 'The request body must be a JSON object');
  }
}

function wireJob(job: ImportJobProperties): Record<string, unknown> {
  const { submittedAt, endedAt, ...rest } = job;
  return {
    ...rest,
    submittedAt: epochSeconds(submittedAt),
    ...(endedAt === undefined ? {} : { endedAt: epochSeconds(endedAt) }),
  };
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  response.end(text);
}
