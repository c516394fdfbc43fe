import { createServer } from 'node:net';
import { pickFreePorts } from './pickFreePorts';

const host = '127.0.0.1';

function canListen(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

describe('pickFreePorts', () => {
  it('picks different free ports for the claims of 0 and keeps the others', async () => {
    const ports = await pickFreePorts(host, [
      { name: 'viewer', port: 0, flag: '--viewer-port' },
      { name: 'oidc', port: 0, flag: '--oidc-port' },
      { name: 'dicomweb', port: 5999, flag: '--dicomweb-port' },
      { name: 'extra', port: 0, flag: '--extra-port' },
    ]);
    expect(ports).toHaveLength(4);
    expect(ports[2]).toBe(5999);
    expect(new Set(ports).size).toBe(4);
    const picked = ports.filter((_, index) => index !== 2);
    for (const port of picked) expect(port).toBeGreaterThan(0);
    // Released: the parts can listen on them.
    for (const port of picked) await expect(canListen(port)).resolves.toBe(true);
  });
});
