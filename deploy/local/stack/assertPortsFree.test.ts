import { createServer, type Server } from 'node:net';
import { assertPortsFree, PortInUseError } from './assertPortsFree';

describe('assertPortsFree', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>(resolve => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>(resolve => busy.close(() => resolve())));

  it('names the port, what needed it and the flag to change it', async () => {
    const attempt = assertPortsFree('127.0.0.1', [{ name: 'viewer', port: busyPort, flag: '--viewer-port' }]);
    await expect(attempt).rejects.toThrow(PortInUseError);
    await expect(
      assertPortsFree('127.0.0.1', [{ name: 'viewer', port: busyPort, flag: '--viewer-port' }]),
    ).rejects.toThrow(
      `Port ${busyPort} on 127.0.0.1 (viewer) is in use by another program: stop it, or choose another port with --viewer-port <port>.`,
    );
  });

  it('passes free ports and leaves them free', async () => {
    const probe = createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const freePort = (probe.address() as { port: number }).port;
    await new Promise<void>(resolve => probe.close(() => resolve()));
    await expect(
      assertPortsFree('127.0.0.1', [{ name: 'oidc', port: freePort, flag: '--oidc-port' }]),
    ).resolves.toBeUndefined();
    await expect(
      assertPortsFree('127.0.0.1', [{ name: 'oidc', port: freePort, flag: '--oidc-port' }]),
    ).resolves.toBeUndefined();
  });
});
