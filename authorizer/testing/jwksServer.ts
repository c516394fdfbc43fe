import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Jwks } from 'aws-jwt-verify/jwk';

/** How the test JWKS endpoint behaves: answer, or accept the request and never answer. */
export type JwksServerMode = 'serve' | 'hang';

export interface RunningJwksServer {
  /** `http://127.0.0.1:<port>`, usable as an issuer. */
  issuer: string;
  /** `<issuer>/.well-known/jwks.json`. */
  jwksUri: string;
  /** JWKS requests received so far. */
  requests(): number;
  setJwks(jwks: Jwks): void;
  setMode(mode: JwksServerMode): void;
  close(): Promise<void>;
}

/** A real JWKS endpoint on 127.0.0.1 with an ephemeral port. */
export async function startJwksServer(initialJwks: Jwks): Promise<RunningJwksServer> {
  let jwks = initialJwks;
  let mode: JwksServerMode = 'serve';
  let requests = 0;
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    requests++;
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
    } else if (mode === 'hang') {
      hanging.add(response);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    requests: () => requests,
    setJwks: next => {
      jwks = next;
    },
    setMode: next => {
      mode = next;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
