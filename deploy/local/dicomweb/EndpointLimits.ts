import { assertInteger, assertKnownKeys, assertObject } from 'ohif-healthimaging-validation';
import { endpointOption } from './errors';

/**
 * What one request may take from the endpoint. The endpoint shares its process with the identity provider and the
 * viewer (`npm start`), so no request may hold a connection, the memory or the event loop for everyone else.
 */
export interface EndpointLimits {
  /** Longest request target (path and query) in bytes; longer answers 414. */
  maxUrlBytes: number;
  /** Largest request head (request line and header fields) in bytes; larger answers 431. */
  maxHeaderBytes: number;
  /** Most frame numbers in one frames request; more answers 400. */
  maxFramesPerRequest: number;
  /** Most parts in one STOW-RS body; more answers 413. */
  maxStowParts: number;
  /** Largest single part of a STOW-RS body in bytes; larger answers 413. */
  maxStowPartBytes: number;
  /** Time for the request head to arrive; slower answers 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Time for the whole request, head and body, to arrive; slower answers 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /**
   * How long the client may stay silent (its request or body awaited, or the answer not taken) before its connection
   * is closed. Time the endpoint itself spends on a request it has read whole does not count.
   */
  idleTimeoutMs: number;
}

/** Longest URL: 8 KiB, the common proxy limit; a QIDO list of 100 UIDs fits. */
export const defaultMaxUrlBytes = 8 * 1024;
/** Largest request head: 16 KiB (Node's default), ample for a bearer token of a few KiB. */
export const defaultMaxHeaderBytes = 16 * 1024;
/** Most frames per request: an answer of at most 1000 parts (viewers ask for one frame per request). */
export const defaultMaxFramesPerRequest = 1000;
/**
 * Most parts per STOW-RS request: 1000 instances (the import tool sends 50 per request); reading more parts holds the
 * event loop.
 */
export const defaultMaxStowParts = 1000;
/** Largest STOW-RS part: 1 GiB, so one instance may fill a request (HealthImaging: 1 GB per request). */
export const defaultMaxStowPartBytes = 1024 ** 3;
/** 10 s for the request head: a client sends its headers at once; a slowloris sends them a byte at a time. */
export const defaultHeadersTimeoutMs = 10_000;
/** 5 minutes for a whole request (Node's default): 1 GiB at 3.6 MB/s. Raise it for large uploads over slow links. */
export const defaultRequestTimeoutMs = 300_000;
/** 5 s for a kept-alive connection's next request (Node's default). */
export const defaultKeepAliveTimeoutMs = 5_000;
/** 60 s without traffic closes a connection. */
export const defaultIdleTimeoutMs = 60_000;

export const defaultEndpointLimits: Readonly<EndpointLimits> = {
  maxUrlBytes: defaultMaxUrlBytes,
  maxHeaderBytes: defaultMaxHeaderBytes,
  maxFramesPerRequest: defaultMaxFramesPerRequest,
  maxStowParts: defaultMaxStowParts,
  maxStowPartBytes: defaultMaxStowPartBytes,
  headersTimeoutMs: defaultHeadersTimeoutMs,
  requestTimeoutMs: defaultRequestTimeoutMs,
  keepAliveTimeoutMs: defaultKeepAliveTimeoutMs,
  idleTimeoutMs: defaultIdleTimeoutMs,
};

/**
 * The limits with defaults filled in. A request timeout below the headers timeout lowers the headers timeout to it
 * (Node requires headers timeout ≤ request timeout).
 * @throws EndpointOptionsError naming a limit that is not a whole number ≥ 1, or an unknown key.
 */
export function resolveEndpointLimits(limits: Partial<EndpointLimits> = {}): EndpointLimits {
  const at = endpointOption('limits');
  const given = assertObject(limits, at);
  assertKnownKeys(given, Object.keys(defaultEndpointLimits), at, {
    wording: { unknown: 'is not a limit', known: 'known:' },
  });
  const resolved: EndpointLimits = { ...defaultEndpointLimits };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    resolved[key as keyof EndpointLimits] = assertInteger(value, at.child(key), {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      expected: 'a whole number ≥ 1',
    });
  }
  if (limits.headersTimeoutMs === undefined)
    resolved.headersTimeoutMs = Math.min(resolved.headersTimeoutMs, resolved.requestTimeoutMs);
  if (resolved.headersTimeoutMs > resolved.requestTimeoutMs) {
    at.child('headersTimeoutMs').fail('must not exceed limits.requestTimeoutMs');
  }
  return resolved;
}
