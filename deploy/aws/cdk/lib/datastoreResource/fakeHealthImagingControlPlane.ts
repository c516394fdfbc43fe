import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the HealthImaging control-plane API (CreateDatastore, GetDatastore, DeleteDatastore) on
 * 127.0.0.1, for tests of the datastore custom resource. It exists because that AWS API has no local equivalent;
 * it speaks the service's REST-JSON wire format, so the real AWS SDK client (its serializer included) is exercised.
 */
export interface FakeDatastore {
  datastoreId: string;
  datastoreName: string;
  datastoreStatus: 'CREATING' | 'ACTIVE' | 'CREATE_FAILED' | 'DELETING' | 'DELETED';
  datastoreArn: string;
  lambdaAuthorizerArn?: string;
  kmsKeyArn?: string;
  /** GetDatastore calls still to answer before the next status is reached. */
  pollsUntilSettled: number;
  /** Status reached after CREATING. */
  settlesTo: 'ACTIVE' | 'CREATE_FAILED';
  imageSets: number;
}

export interface FakeControlPlaneBehaviour {
  /** GetDatastore polls a new datastore stays CREATING. Default 1. */
  pollsWhileCreating: number;
  /** Status after CREATING. Default ACTIVE. */
  creationOutcome: 'ACTIVE' | 'CREATE_FAILED';
  /** Forget the requested authorizer, as the service does when an old SDK never sent it. Default false. */
  dropAuthorizer: boolean;
  /** Image sets a new datastore holds (deletion is refused while > 0). Default 0. */
  imageSetsPerDatastore: number;
}

export interface FakeControlPlane {
  url: string;
  datastores: Map<string, FakeDatastore>;
  /** Request bodies of every CreateDatastore call, as received. */
  createRequests: Record<string, unknown>[];
  calls: string[];
  behaviour: FakeControlPlaneBehaviour;
  close(): Promise<void>;
}

const account = '123456789012';

export async function startFakeControlPlane(region = 'eu-west-1'): Promise<FakeControlPlane> {
  const datastores = new Map<string, FakeDatastore>();
  const createRequests: Record<string, unknown>[] = [];
  const calls: string[] = [];
  const tokens = new Map<string, string>();
  const behaviour: FakeControlPlaneBehaviour = {
    pollsWhileCreating: 1,
    creationOutcome: 'ACTIVE',
    dropAuthorizer: false,
    imageSetsPerDatastore: 0,
  };
  let counter = 0;

  const reply = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
    response.writeHead(status, headers).end(JSON.stringify(body));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const match = /^\/datastore(?:\/([^/]+))?$/.exec(path);
    calls.push(`${request.method} ${path}`);
    if (match === null) return reply(response, 404, { message: 'no route' }, 'UnknownOperationException');
    const id = match[1];
    if (request.method === 'POST' && id === undefined) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      createRequests.push(body);
      const token = String(body.clientToken);
      const existing = tokens.get(token);
      if (existing !== undefined)
        return reply(response, 200, {
          datastoreId: existing,
          datastoreStatus: datastores.get(existing)?.datastoreStatus,
        });
      const datastoreId = (++counter).toString(16).padStart(32, 'a');
      tokens.set(token, datastoreId);
      const datastore: FakeDatastore = {
        datastoreId,
        datastoreName: String(body.datastoreName),
        datastoreStatus: 'CREATING',
        datastoreArn: `arn:aws:medical-imaging:${region}:${account}:datastore/${datastoreId}`,
        pollsUntilSettled: behaviour.pollsWhileCreating,
        settlesTo: behaviour.creationOutcome,
        imageSets: behaviour.imageSetsPerDatastore,
      };
      if (typeof body.lambdaAuthorizerArn === 'string' && !behaviour.dropAuthorizer)
        datastore.lambdaAuthorizerArn = body.lambdaAuthorizerArn;
      if (typeof body.kmsKeyArn === 'string') datastore.kmsKeyArn = body.kmsKeyArn;
      datastores.set(datastoreId, datastore);
      return reply(response, 200, { datastoreId, datastoreStatus: 'CREATING' });
    }
    const datastore = id === undefined ? undefined : datastores.get(id);
    if (datastore === undefined || datastore.datastoreStatus === 'DELETED') {
      return reply(response, 404, { message: `Datastore ${id} not found` }, 'ResourceNotFoundException');
    }
    if (request.method === 'GET') {
      if (datastore.pollsUntilSettled > 0) datastore.pollsUntilSettled--;
      else if (datastore.datastoreStatus === 'CREATING') datastore.datastoreStatus = datastore.settlesTo;
      else if (datastore.datastoreStatus === 'DELETING') datastore.datastoreStatus = 'DELETED';
      const { pollsUntilSettled: _polls, settlesTo: _settles, imageSets: _sets, ...properties } = datastore;
      return reply(response, 200, {
        datastoreProperties: { ...properties, createdAt: 1700000000, updatedAt: 1700000000 },
      });
    }
    if (request.method === 'DELETE') {
      if (datastore.imageSets > 0) {
        return reply(
          response,
          409,
          { message: `Datastore ${id} still holds ${datastore.imageSets} image sets` },
          'ConflictException',
        );
      }
      datastore.datastoreStatus = 'DELETING';
      datastore.pollsUntilSettled = 1;
      return reply(response, 200, { datastoreId: id, datastoreStatus: 'DELETING' });
    }
    return reply(response, 405, { message: 'method not allowed' }, 'ValidationException');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(error =>
      reply(response, 500, { message: String(error) }, 'InternalServerException'),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    datastores,
    createRequests,
    calls,
    behaviour,
    close: () => new Promise<void>((resolve, reject) => server.close(error => (error ? reject(error) : resolve()))),
  };
}
