import { createServer, type AddressInfo, type Server } from 'node:net';
import type { PortClaim } from './assertPortsFree';

/**
 * The port each claim will listen on: its own, or for a claim of 0 a free one picked by the system.
 *
 * The parts of the stack need each other's addresses before they listen (the provider redirects to the viewer and
 * names the endpoint as its tokens' audience; the viewer's app-config and CSP name the provider and the endpoint),
 * so a 0 cannot be left to each part. The picked ports are held all at once, so they differ from each other and
 * from the explicit ones, and released just before the parts listen on them. Another program could take one in
 * that moment: the part then fails with a port-in-use error and the stack stops what it had started.
 */
export async function pickFreePorts(host: string, claims: PortClaim[]): Promise<number[]> {
  const explicit = new Set(claims.map(claim => claim.port).filter(port => port !== 0));
  const probes: Server[] = [];
  try {
    const ports: number[] = [];
    for (const claim of claims) {
      let port = claim.port;
      while (port === 0 || (claim.port === 0 && explicit.has(port))) {
        const probe = await listenOnFreePort(host);
        probes.push(probe);
        port = (probe.address() as AddressInfo).port;
      }
      ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(probes.map(probe => new Promise<void>(resolve => probe.close(() => resolve()))));
  }
}

function listenOnFreePort(host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => resolve(probe));
  });
}
