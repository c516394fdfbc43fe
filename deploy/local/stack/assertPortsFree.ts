import { createServer } from 'node:net';

export interface PortClaim {
  /** What will listen there, for the message: `viewer`. */
  name: string;
  port: number;
  /** How to choose another: `--viewer-port`. */
  flag: string;
}

/** A port of the local stack is taken by another program. */
export class PortInUseError extends Error {
  constructor(claim: PortClaim, host: string) {
    super(
      `Port ${claim.port} on ${host} (${claim.name}) is in use by another program: stop it, or choose another port with ${claim.flag} <port>.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Checks every port before anything starts, so that a taken port fails fast and names the flag to change it. */
export async function assertPortsFree(host: string, claims: PortClaim[]): Promise<void> {
  for (const claim of claims) {
    if (claim.port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new PortInUseError(claim, host) : error),
      );
      probe.listen(claim.port, host, () => probe.close(() => resolve()));
    });
  }
}
