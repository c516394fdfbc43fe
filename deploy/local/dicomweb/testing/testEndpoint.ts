import type { DicomStoreLike } from '../DicomStoreLike';
import type { DicomwebEndpointOptions } from '../DicomwebEndpointOptions';
import { startDicomwebEndpoint, type RunningEndpoint } from '../startDicomwebEndpoint';
import type { AuthorizeFunction } from '../authorizeRequest';
import { testRoles } from './testAuthorizer';

export const testDatastoreId = '0123456789abcdef0123456789abcdef';
export const viewerOrigin = 'http://127.0.0.1:3000';

/** The endpoint on 127.0.0.1 with an ephemeral port, the local stack's roles, and the viewer origin allowed. */
export function startTestEndpoint(
  store: DicomStoreLike,
  authorize: AuthorizeFunction,
  overrides: Partial<DicomwebEndpointOptions> = {},
): Promise<RunningEndpoint> {
  return startDicomwebEndpoint({
    datastoreId: testDatastoreId,
    store,
    authorize,
    roles: testRoles,
    allowedOrigins: [viewerOrigin],
    ...overrides,
  });
}

export interface RequestOptions {
  method?: string;
  token?: string;
  accept?: string;
  origin?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

/** A request to the endpoint (path relative to its url), with the body read. */
export async function call(endpoint: RunningEndpoint, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.accept !== undefined) headers.Accept = options.accept;
  if (options.origin !== undefined) headers.Origin = options.origin;
  const response = await fetch(endpoint.url + path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body && new Uint8Array(options.body),
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    body,
    json: () => JSON.parse(body.toString('utf8')) as unknown,
  };
}
