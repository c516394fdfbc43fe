import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { datastorePath, isThrottledRetrieveOperation } from 'ohif-healthimaging-contract';
import { authorizeRequest } from './authorizeRequest';
import { corsResponseHeaders, preflightResponse } from './cors';
import { resolveEndpointOptions, type DicomwebEndpointOptions } from './DicomwebEndpointOptions';
import type { EndpointLimits } from './EndpointLimits';
import {
  AuthorizerFailedError,
  BadRequestError,
  HeaderFieldsTooLargeError,
  HttpError,
  InvalidOrExpiredTokenError,
  RequestTimeoutError,
  TooManyRequestsError,
  UriTooLongError,
} from './errors';
import { EventLoopDelayMonitor } from './eventLoopDelay';
import { EndpointKnobs, parseKnobs, type Knobs } from './knobs';
import { matchRoute, type MatchedRoute } from './matchRoute';
import { messageReply, type Reply, type StreamedReply } from './reply';
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
  /** The limits and timeouts in force (`limits` with the defaults filled in). */
  limits: Readonly<EndpointLimits>;
}

/**
 * How often Node looks for requests past `headersTimeoutMs` / `requestTimeoutMs` (its default, 30 s, would let a 10 s
 * limit run to 40 s).
 */
const timeoutCheckIntervalMs = 1000;

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
  const { limits } = settings;
  const eventLoop = settings.testControl ? new EventLoopDelayMonitor() : undefined;

  const setKnobs = (changes: unknown) => {
    const checked = parseKnobs(changes);
    knobs.apply(checked);
    if (checked.throttle !== undefined) bucket = checked.throttle ? new TokenBucket(checked.throttle) : undefined;
  };

  /** Everything HealthImaging does before and around an operation, in its order. */
  async function authorizeAndServe(
    route: MatchedRoute,
    request: IncomingMessage,
    url: URL,
  ): Promise<Reply | StreamedReply> {
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
    return serveOperation(route, request, url, {
      store: settings.store,
      datastoreUrl,
      maxStowBytes: settings.maxStowBytes,
      maxStowParts: limits.maxStowParts,
      maxStowPartBytes: limits.maxStowPartBytes,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = request.method ?? 'GET';
    // Checked before the URL is parsed; an over-long path would also be echoed in error messages.
    if (Buffer.byteLength(request.url ?? '') > limits.maxUrlBytes) {
      await send(
        response,
        errorReply(new UriTooLongError(limits.maxUrlBytes)),
        corsResponseHeaders(request.headers.origin, settings.allowedOrigins),
      );
      return;
    }
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
      await send(response, await serveTestControl(request, url.pathname, controlTarget).catch(errorReply), cors);
      return;
    }
    let operation = unmatchedOperation;
    let reason: string | undefined;
    let reply: Reply | StreamedReply;
    try {
      const route = matchRoute(method, url.pathname, settings.datastoreId, limits.maxFramesPerRequest);
      operation = route.operation;
      reply = await authorizeAndServe(route, request, url);
    } catch (error) {
      if (error instanceof InvalidOrExpiredTokenError || error instanceof AuthorizerFailedError) reason = error.reason;
      reply = errorReply(error);
    }
    const status = await send(response, reply, cors);
    const hadBearerToken = /^Bearer\s/i.test(request.headers.authorization ?? '');
    stats.recordRequest(operation, status, hadBearerToken);
    settings.onRequest?.({
      method,
      path: url.pathname,
      operation,
      status,
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
    eventLoopDelay: () => (eventLoop as EventLoopDelayMonitor).snapshot(),
    resetEventLoopDelay: () => eventLoop?.reset(),
  };

  /** Sockets with a request in the handler, and its answer. */
  const answering = new WeakMap<Socket, { request: IncomingMessage; response: ServerResponse }>();
  const server = createServer(
    { maxHeaderSize: limits.maxHeaderBytes, connectionsCheckingInterval: timeoutCheckIntervalMs },
    (request, response) => {
      answering.set(request.socket, { request, response });
      // A kept-alive socket's next request may already be in: forget only this one.
      response.once('close', () => {
        if (answering.get(request.socket)?.response === response) answering.delete(request.socket);
      });
      handle(request, response).catch(error => {
        // Only reached if writing the answer itself failed (e.g. an onRequest hook threw).
        console.error('DICOMweb endpoint: request handling failed:', error);
        // If even the 500 cannot be written, the connection is cut: the client sees a failure, the server goes on.
        if (!response.headersSent)
          send(response, messageReply(500, 'Internal Server Error'), {}).catch(() => response.destroy());
        else response.destroy();
      });
    },
  );
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.timeout = limits.idleTimeoutMs;
  // Idle means the client's silence: a socket is closed while the endpoint waits for its bytes or for it to take the
  // answer, not while the endpoint itself works on a request it has read whole (a large import takes a while).
  server.on('timeout', (socket: Socket) => {
    const inFlight = answering.get(socket);
    if (inFlight?.request.complete && !inFlight.response.headersSent) return;
    socket.destroy();
  });
  // Errors before a request reaches the handler (oversized head, timeouts, malformed HTTP) get an answer that says
  // which limit was hit, in HealthImaging's body shape, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = answering.get(socket)?.response;
    if (!socket.writable || error.code === 'ECONNRESET' || response?.headersSent) {
      socket.destroy();
      return;
    }
    const httpError =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new HeaderFieldsTooLargeError(limits.maxHeaderBytes)
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? // Node names one code for both limits; a request already in the handler had its head in time.
            new RequestTimeoutError(
              response ? 'whole request' : 'head',
              response ? limits.requestTimeoutMs : limits.headersTimeoutMs,
            )
          : new BadRequestError('The request is not well-formed HTTP/1.1');
    const body = JSON.stringify({ message: httpError.message });
    socket.end(
      `HTTP/1.1 ${httpError.status} ${STATUS_CODES[httpError.status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
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
        eventLoop?.stop();
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    stats: controlTarget.stats,
    resetStats: controlTarget.resetStats,
    knobs: controlTarget.knobs,
    setKnobs: (changes: Partial<Knobs>) => setKnobs(changes),
    limits,
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

/** Statuses after which the request is not read to its end: the connection is closed instead of draining it. */
const closingStatuses = new Set([413, 414, 431]);

/**
 * Writes a reply. A streamed one is written chunk by chunk, waiting whenever the client is behind; its first chunk
 * is produced before the status is sent, so an early failure still gets its error answer.
 * @returns the status sent.
 */
async function send(
  response: ServerResponse,
  reply: Reply | StreamedReply,
  cors: Record<string, string>,
): Promise<number> {
  if (!('chunks' in reply)) {
    const headers: Record<string, string> = { ...cors, ...reply.headers, 'Content-Length': String(reply.body.length) };
    if (closingStatuses.has(reply.status)) headers.Connection = 'close';
    response.writeHead(reply.status, headers).end(reply.body);
    return reply.status;
  }
  const chunks = reply.chunks[Symbol.asyncIterator]();
  let next: IteratorResult<Uint8Array>;
  try {
    next = await chunks.next();
  } catch (error) {
    return send(response, errorReply(error), cors);
  }
  response.writeHead(reply.status, { ...cors, ...reply.headers });
  try {
    while (!next.done) {
      if (response.destroyed) {
        await chunks.return?.();
        return reply.status;
      }
      if (!response.write(next.value)) await drainedOrClosed(response);
      next = await chunks.next();
    }
    response.end();
  } catch (error) {
    // The status is sent: all that is left is to cut the connection, so the client sees an incomplete answer.
    console.error('DICOMweb endpoint: a streamed answer failed midway:', error);
    response.destroy();
  }
  return reply.status;
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
