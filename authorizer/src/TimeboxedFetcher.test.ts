import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import { TimeboxedFetcher } from './TimeboxedFetcher';

let server: Server;
let base: string;
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/jwks') response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":[]}');
    else if (request.url === '/hang') hanging.add(response);
    else if (request.url === '/slow-body') {
      response.writeHead(200);
      response.write('{"keys":');
      hanging.add(response);
    } else if (request.url === '/huge') response.writeHead(200).end(Buffer.alloc(2 * 1024 * 1024, 32));
    else response.writeHead(404).end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

const text = (body: ArrayBuffer) => Buffer.from(body).toString('utf8');

it('returns the body of a 200 answer', async () => {
  expect(text(await new TimeboxedFetcher(500).fetch(`${base}/jwks`))).toBe('{"keys":[]}');
});

it('fails without retry on another status', async () => {
  await expect(new TimeboxedFetcher(500).fetch(`${base}/missing`)).rejects.toThrow(NonRetryableFetchError);
  await expect(new TimeboxedFetcher(500).fetch(`${base}/missing`)).rejects.toThrow('status 404, expected 200');
});

it('gives up when no answer comes in time', async () => {
  await expect(new TimeboxedFetcher(100).fetch(`${base}/hang`)).rejects.toThrow(`no complete answer within 100 ms`);
});

it('gives up when the body does not finish in time', async () => {
  await expect(new TimeboxedFetcher(100).fetch(`${base}/slow-body`)).rejects.toThrow(FetchError);
});

it('refuses a body far larger than a JWKS', async () => {
  await expect(new TimeboxedFetcher(2000).fetch(`${base}/huge`)).rejects.toThrow('response exceeds 1048576 bytes');
});

it('reports a refused connection as a fetch error', async () => {
  const closed = createServer();
  await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise(resolve => closed.close(resolve));
  await expect(new TimeboxedFetcher(500).fetch(`http://127.0.0.1:${port}/jwks`)).rejects.toThrow(FetchError);
});
