import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { idpProfile } from './idpProfiles';
import { importOidcProvider } from './importOidcProvider';
import type { OidcProviderOptions } from './OidcProviderOptions';
import { clockToleranceSeconds, providerConfiguration } from './providerConfiguration';
import { loadOrCreateProviderSecrets } from './providerSecrets';
import { ProviderStateFile } from './ProviderStateFile';
import { ProviderStats, type OidcProviderStats } from './ProviderStats';
import { resolveOidcProviderOptions } from './resolveOidcProviderOptions';
import { createSignInInteraction } from './signInInteraction';

/** A started provider. */
export interface RunningOidcProvider {
  /** The issuer identifier, e.g. `http://127.0.0.1:5001`; discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** Counts of requests since start or the last reset (also served at `/__local/stats` with `testControl`). */
  stats(): OidcProviderStats;
  /** Stops listening, drops open connections and waits until the state file is written. */
  close(): Promise<void>;
}

export const stateFileName = 'provider-state.json';

// Public metadata: any origin may read it. Every other endpoint answers preflights only for the viewer's origins.
const openCorsPaths = new Set([
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
  '/jwks',
]);

/**
 * Starts the local OpenID Connect provider (oidc-provider 9) with the viewer and importer clients, the
 * DICOMweb endpoint as the resource of its JWT access tokens, and a sign-in page for the configured users.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const settings = resolveOidcProviderOptions(options);
  const [secrets, state, oidc] = await Promise.all([
    loadOrCreateProviderSecrets(settings.dataDir),
    ProviderStateFile.open(join(settings.dataDir, stateFileName), { graceSeconds: clockToleranceSeconds }),
    importOidcProvider(),
  ]);

  // With port 0 the issuer (which every endpoint URL and token carries) is known only once listening.
  const server = createServer();
  await listen(server, settings.port, settings.host);
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const profile = idpProfile(settings.idpProfile);
  const issuer = settings.issuer ?? `http://${host}:${port}${profile.issuerPath}`;
  const aliases = pathAliases(new URL(issuer).pathname, profile.jwksPath);

  const provider = new oidc.default(
    issuer,
    providerConfiguration(settings, {
      secrets,
      adapterFactory: state.adapterFactory,
      InvalidTarget: oidc.errors.InvalidTarget,
      issuer,
    }),
  );
  const stats = new ProviderStats();
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc) stats.record(ctx.oidc.route, ctx.oidc.params?.grant_type, ctx.status >= 400);
  });
  // The provider reports failures it answers (bad requests) as events; only unexpected ones are worth a line.
  provider.on('server_error', (_ctx, error) => console.error('OIDC provider error:', error));

  const signIn = createSignInInteraction(provider, settings.users, oidc.errors.SessionNotFound);
  const providerHandler = provider.callback();
  const allowedOrigins = new Set(settings.viewer.allowedOrigins);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const alias = aliases.get(url.pathname);
    // The provider's endpoints stay at the root; only the documents a client finds from the issuer move with it.
    if (alias !== undefined) req.url = `${alias}${url.search}`;
    const pathname = alias ?? url.pathname;
    if (settings.testControl && pathname.startsWith('/__local/')) {
      serveTestControl(req, res, pathname, stats);
      return;
    }
    const origin = req.headers.origin;
    const isPreflight =
      req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'];
    if (isPreflight && !openCorsPaths.has(pathname) && !allowedOrigins.has(origin)) {
      // No Access-Control-Allow-Origin: the browser refuses the cross-origin call.
      res.writeHead(403, { Vary: 'Origin' }).end();
      return;
    }
    if (await signIn(req, res, pathname)) return;
    providerHandler(req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(error => {
      console.error('OIDC provider error:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('internal error');
    });
  });

  return {
    issuer,
    stats: () => stats.snapshot(),
    close: async () => {
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await state.flush();
    },
  };
}

/**
 * Paths served as another: with an issuer below the origin (`/realms/imaging`), its discovery document
 * `<issuer>/.well-known/openid-configuration`; the keys at the emulated provider's own path as at `/jwks`.
 */
function pathAliases(issuerPath: string, jwksPath: string | undefined): Map<string, string> {
  const aliases = new Map<string, string>();
  const base = issuerPath.replace(/\/$/, '');
  if (base !== '') {
    aliases.set(`${base}/.well-known/openid-configuration`, '/.well-known/openid-configuration');
    aliases.set(`${base}/.well-known/oauth-authorization-server`, '/.well-known/oauth-authorization-server');
  }
  if (jwksPath !== undefined) aliases.set(jwksPath, '/jwks');
  return aliases;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`OIDC provider: port ${port} on ${host} is in use; choose another port (or 0 for any free one)`)
          : error,
      );
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

function serveTestControl(req: IncomingMessage, res: ServerResponse, pathname: string, stats: ProviderStats): void {
  // Any origin: browser tests read these from the viewer's page.
  const sendJson = (status: number, body: unknown) =>
    res
      .writeHead(status, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
      })
      .end(JSON.stringify(body));
  if (pathname === '/__local/stats' && req.method === 'GET') {
    sendJson(200, stats.snapshot());
  } else if (pathname === '/__local/stats/reset' && req.method === 'POST') {
    stats.reset();
    sendJson(200, stats.snapshot());
  } else {
    sendJson(404, { error: 'test-control routes: GET /__local/stats, POST /__local/stats/reset' });
  }
}
