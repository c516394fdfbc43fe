import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizeRequest } from './authorizeRequest';
import { corsResponseHeaders, preflightResponse } from './cors';
import { resolveEndpointOptions, type DicomwebEndpointOptions } from './DicomwebEndpointOptions';
import { AuthorizerFailedError, HttpError, InvalidOrExpiredTokenError, TooManyRequestsError } from './errors';
import { EndpointKnobs, parseKnobs, type Knobs } from './knobs';
import { datastorePath, matchRoute, type MatchedRoute } from './matchRoute';
import { isThrottledRetrieveOperation } from '../../../extension/src/healthimaging/operations';
import { messageReply, type Reply } from './reply';
import { serveOperation } from './serveOperation';
import { StatsRecorder, unmatchedOperation, type EndpointStats } from './stats';
import { httpErrorForStoreError } from './storeErrors';
import { serveTestControl, testControlPrefix } from './testControl';
import { TokenBucket } from './tokenBucket';
import { precheckBearerToken } from './tokenPrechecks';

export interface RunningEndpoint {
  /** `http://<host>:<port>`. */
  url: string;
  /** `<url>/datastore/<datastoreId>`: the DICOMweb root (what HealthImaging calls the endpoint). */
  datastoreUrl: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
  /** A copy of the counts since start or the last reset. */
  stats(): EndpointStats;
  resetStats(): void;
  /**
   * Changes knobs while running; keys not given keep their value. Setting `throttle` refills the bucket.
   * @throws EndpointOptionsError naming a knob that does not check out.
   */
  setKnobs(knobs: Partial<Knobs>): void;
  /** The knobs in force (with the forced failures still pending). */
  knobs(): Knobs;
}

/**
 * Starts a local DICOMweb endpoint that behaves like AWS HealthImaging's with an OIDC authorizer: the same routes,
 * the same token pre-checks, the authorizer invoked for every request with a time limit, the same error answers,
 * the retrieve throttle, HTJ2K frames with Accept negotiation, STOW-RS up to 1 GB. See README.md.
 * @throws EndpointOptionsError for options that do not check out; the listen error if the port is taken.
 */
export async function startDicomwebEndpoint(options: DicomwebEndpointOptions): Promise<RunningEndpoint> {
  const settings = resolveEndpointOptions(options);
  const knobs = new EndpointKnobs(settings.initialKnobs);
  const stats = new StatsRecorder();
  let bucket = settings.initialKnobs.throttle ? new TokenBucket(settings.initialKnobs.throttle) : undefined;
  let datastoreUrl = '';

  const setKnobs = (changes: unknown) => {
    const checked = parseKnobs(changes);
    knobs.apply(checked);
    if (checked.throttle !== undefined) bucket = checked.throttle ? new TokenBucket(checked.throttle) : undefined;
  };

  /** Everything HealthImaging does before and around an operation, in its order. */
  async function authorizeAndServe(route: MatchedRoute, request: IncomingMessage, url: URL): Promise<Reply> {
    const { addedLatencyMs } = knobs.current();
    if (addedLatencyMs > 0) await new Promise(resolve => setTimeout(resolve, addedLatencyMs));
    const forced = knobs.takeForcedFailure(route.operation);
    if (forced) {
      stats.recordForcedFailure();
      throw forced;
    }
    if (bucket && isThrottledRetrieveOperation(route.operation)) {
      const taken = bucket.tryTake();
      if (!taken.allowed) {
        stats.recordThrottled();
        throw new TooManyRequestsError(taken.retryAfterSeconds);
      }
    }
    // Read after the added latency, as a request that waited sees the knobs set meanwhile.
    const { skipAuthorization, expireTokensIssuedBefore } = knobs.current();
    if (!skipAuthorization) {
      const bearerToken = precheckBearerToken(
        request.headers.authorization,
        Math.floor(Date.now() / 1000),
        expireTokensIssuedBefore ?? undefined,
      );
      await authorizeRequest({
        authorize: settings.authorize,
        event: { datastoreId: settings.datastoreId, operation: route.operation, bearerToken },
        roles: settings.roles,
        timeoutMs: settings.authorizerTimeoutMs,
      });
    }
    return serveOperation(route, request, url, { store: settings.store, datastoreUrl, maxStowBytes: settings.maxStowBytes });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = parseRequestUrl(request.url);
    const origin = request.headers.origin;
    const isTestControl = settings.testControl && url.pathname.startsWith(testControlPrefix);
    const isDicomweb = url.pathname.startsWith('/datastore/');
    if (method === 'OPTIONS' && (isDicomweb || isTestControl)) {
      const preflight = preflightResponse(origin, settings.allowedOrigins);
      stats.recordPreflight();
      response.writeHead(preflight.status, { ...preflight.headers, 'Content-Length': '0' }).end();
      return;
    }
    const cors = corsResponseHeaders(origin, settings.allowedOrigins);
    if (isTestControl) {
      send(response, await serveTestControl(request, url.pathname, controlTarget).catch(errorReply), cors);
      return;
    }
    let operation = unmatchedOperation;
    let reason: string | undefined;
    let reply: Reply;
    try {
      const route = matchRoute(method, url.pathname, settings.datastoreId);
      operation = route.operation;
      reply = await authorizeAndServe(route, request, url);
    } catch (error) {
      if (error instanceof InvalidOrExpiredTokenError || error instanceof AuthorizerFailedError) reason = error.reason;
      reply = errorReply(error);
    }
    send(response, reply, cors);
    const hadBearerToken = /^Bearer\s/i.test(request.headers.authorization ?? '');
    stats.recordRequest(operation, reply.status, hadBearerToken);
    settings.onRequest?.({
      method,
      path: url.pathname,
      operation,
      status: reply.status,
      hadBearerToken,
      ...(reason === undefined ? {} : { reason }),
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  }

  const controlTarget = {
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setKnobs,
    knobs: () => knobs.current(),
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(error => {
      // Only reached if writing the answer itself failed (e.g. an onRequest hook threw).
      console.error('DICOMweb endpoint: request handling failed:', error);
      if (!response.headersSent) send(response, messageReply(500, 'Internal Server Error'), {});
      else response.destroy();
    });
  });
  // Uploads up to 1 GB over slow links: no overall request deadline (Node's default is 5 minutes).
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  datastoreUrl = url + datastorePath(settings.datastoreId);

  return {
    url,
    datastoreUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    ...controlTarget,
    setKnobs: (changes: Partial<Knobs>) => setKnobs(changes),
  };
}

/** The request target as a URL; a target that is not a path (`*`, garbage) becomes one that matches no route. */
function parseRequestUrl(target: string | undefined): URL {
  try {
    return new URL(target ?? '/', 'http://endpoint.invalid');
  } catch {
    return new URL('http://endpoint.invalid/');
  }
}

function errorReply(error: unknown): Reply {
  const httpError = error instanceof HttpError ? error : httpErrorForStoreError(error);
  if (httpError) return messageReply(httpError.status, httpError.message, httpError.headers);
  console.error('DICOMweb endpoint: unexpected error:', error);
  return messageReply(500, 'Internal Server Error');
}

function send(response: ServerResponse, reply: Reply, cors: Record<string, string>): void {
  const headers: Record<string, string> = { ...cors, ...reply.headers, 'Content-Length': String(reply.body.length) };
  // A refused upload is not read to its end: close the connection instead of draining up to 1 GB.
  if (reply.status === 413) headers.Connection = 'close';
  response.writeHead(reply.status, headers).end(reply.body);
}
