import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError } from './errors';
import { readBody } from './readBody';

const limitBytes = 1000;
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    readBody(request, limitBytes).then(
      body => response.end(`${body.length}:${body.toString('latin1')}`),
      (error: HttpError) => response.writeHead(error.status, { Connection: 'close' }).end(error.message),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise(resolve => server.close(resolve)));

/** POSTs `pieces` with a Content-Length when `declared`, else chunked, and resolves with the status and body. */
function post(pieces: string[], declared: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const outgoing = httpRequest(
      { port, host: '127.0.0.1', method: 'POST', headers: declared ? { 'Content-Length': length } : {} },
      response => {
        let text = '';
        response.setEncoding('latin1').on('data', chunk => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode as number, text }));
      },
    );
    outgoing.on('error', reject);
    for (const piece of pieces) outgoing.write(piece);
    outgoing.end();
  });
}

describe('readBody', () => {
  it('reads a body of declared length and a chunked one, byte for byte', async () => {
    const pieces = ['abc', 'x'.repeat(500), 'defg'];
    const expected = `${pieces.join('').length}:${pieces.join('')}`;
    expect(await post(pieces, true)).toEqual({ status: 200, text: expected });
    expect(await post(pieces, false)).toEqual({ status: 200, text: expected });
    expect(await post([], true)).toEqual({ status: 200, text: '0:' });
  });

  it('refuses a body over the limit, declared or chunked', async () => {
    const message = `Request body exceeds the limit of ${limitBytes} bytes; send fewer instances per request`;
    expect(await post(['y'.repeat(limitBytes + 1)], true)).toEqual({ status: 413, text: message });
    expect(await post(['y'.repeat(600), 'y'.repeat(600)], false)).toEqual({ status: 413, text: message });
  });
});
