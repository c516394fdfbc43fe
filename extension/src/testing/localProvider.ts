import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcProviderProcess, type OidcProviderProcess } from 'ohif-healthimaging-deploy/local/oidc/testing';

/** The real local OIDC provider in a child process, restartable on the same port and state (for outage tests). */
export interface LocalProvider {
  issuer: string;
  /** Token endpoint requests so far, by grant type (the provider's own counters). */
  tokenRequests(): Promise<Record<string, number>>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops it and removes its state folder. */
  close(): Promise<void>;
}

/** Starts the provider for a viewer at `viewerOrigin` (redirect URI `<viewerOrigin>/callback`). */
export async function startLocalProvider(viewerOrigin: string, accessTokenTtlSeconds = 300): Promise<LocalProvider> {
  const dataDir = await mkdtemp(join(tmpdir(), 'oidc-session-test-'));
  const port = await freePort();
  const options = {
    port,
    dataDir,
    resource: 'http://127.0.0.1:1/dicomweb',
    accessTokenTtlSeconds,
    testControl: true,
    viewer: { redirectUris: [`${viewerOrigin}/callback`], postLogoutRedirectUris: [`${viewerOrigin}/`] },
  };
  let running: OidcProviderProcess | undefined = await startOidcProviderProcess(options);
  const issuer = running.issuer;
  return {
    issuer,
    async tokenRequests() {
      const response = await fetch(`${issuer}/__local/stats`);
      return ((await response.json()) as { tokenRequests: Record<string, number> }).tokenRequests;
    },
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async restart() {
      running = await startOidcProviderProcess(options);
    },
    async close() {
      await running?.stop();
      running = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
