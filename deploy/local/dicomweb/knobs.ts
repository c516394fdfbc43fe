import { isOperation, type Operation } from 'ohif-healthimaging-contract';
import { EndpointOptionsError, HttpError } from './errors';
import { assertThrottleSettings, type ThrottleSettings } from './tokenBucket';

/** Forces the next `count` matching requests to fail: for testing how clients cope with bursts of errors. */
export interface ForcedFailure {
  /** How many requests fail (a whole number ≥ 1). */
  count: number;
  /** The HTTP status they get (400–599), e.g. 403 for a burst of expired tokens, 429, 503. */
  status: number;
  /** The body's message, e.g. `Invalid or Expired Token` (HealthImaging's text for that 403). */
  message: string;
  /** Only requests for these operations count and fail. Default: every DICOMweb operation. */
  operations?: Operation[];
}

/** Behaviour that can change while the endpoint runs (`setKnobs`, `POST /__local/knobs`). */
export interface Knobs {
  /** Milliseconds added before each DICOMweb request is handled (simulates the distance to AWS). Default 0. */
  addedLatencyMs: number;
  /** The retrieve throttle, or false for none. Setting it refills the bucket. Default `{ ratePerSecond: 50, burst: 100 }`. */
  throttle: ThrottleSettings | false;
  /** Pending forced failures, or null for none. Default null. */
  failNext: ForcedFailure | null;
  /**
   * Epoch seconds: tokens issued (`iat`) before it are answered 403 "Invalid or Expired Token", as when the tokens
   * in use expire by HealthImaging's clock. Every request carrying one fails, a refreshed token passes. Default null.
   */
  expireTokensIssuedBefore: number | null;
  /**
   * Serve every DICOMweb request without the token pre-checks and the authorizer (CORS, latency, forced failures
   * and the throttle still apply). Only for measuring what authorization costs (`npm run bench`). Default false.
   */
  skipAuthorization: boolean;
}

export const defaultKnobs: Knobs = {
  addedLatencyMs: 0,
  throttle: { ratePerSecond: 50, burst: 100 },
  failNext: null,
  expireTokensIssuedBefore: null,
  skipAuthorization: false,
};

const knobKeys = Object.keys(defaultKnobs);

/**
 * Checks a partial set of knobs (from code or a JSON body).
 * @throws EndpointOptionsError naming the key and what it should be; unknown keys are refused.
 */
export function parseKnobs(value: unknown): Partial<Knobs> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EndpointOptionsError(`knobs must be an object with any of ${knobKeys.join(', ')}`);
  }
  const knobs: Partial<Knobs> = {};
  for (const [key, knob] of Object.entries(value)) {
    if (key === 'addedLatencyMs') {
      if (typeof knob !== 'number' || !Number.isInteger(knob) || knob < 0 || knob > 60_000) {
        throw new EndpointOptionsError('addedLatencyMs must be a whole number of milliseconds from 0 to 60000');
      }
      knobs.addedLatencyMs = knob;
    } else if (key === 'throttle') {
      if (knob !== false) assertThrottleSettings(knob, 'throttle');
      knobs.throttle = knob === false ? false : { ratePerSecond: knob.ratePerSecond, burst: knob.burst };
    } else if (key === 'failNext') {
      knobs.failNext = knob === null ? null : parseForcedFailure(knob);
    } else if (key === 'expireTokensIssuedBefore') {
      if (knob !== null && (typeof knob !== 'number' || !Number.isInteger(knob) || knob < 0)) {
        throw new EndpointOptionsError('expireTokensIssuedBefore must be epoch seconds (a whole number) or null');
      }
      knobs.expireTokensIssuedBefore = knob;
    } else if (key === 'skipAuthorization') {
      if (typeof knob !== 'boolean') throw new EndpointOptionsError('skipAuthorization must be true or false');
      knobs.skipAuthorization = knob;
    } else {
      throw new EndpointOptionsError(`unknown knob "${key}"; the knobs are ${knobKeys.join(', ')}`);
    }
  }
  return knobs;
}

function parseForcedFailure(value: unknown): ForcedFailure {
  const { count, status, message, operations, ...rest } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0) throw new EndpointOptionsError(`failNext has unknown keys: ${unknownKeys.join(', ')}`);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new EndpointOptionsError('failNext.count must be a whole number ≥ 1 (or set failNext to null)');
  }
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    throw new EndpointOptionsError('failNext.status must be an HTTP error status from 400 to 599');
  }
  if (typeof message !== 'string' || message === '') {
    throw new EndpointOptionsError('failNext.message must be a non-empty string, e.g. "Invalid or Expired Token"');
  }
  if (operations !== undefined && (!Array.isArray(operations) || operations.length === 0 || !operations.every(isOperation))) {
    throw new EndpointOptionsError('failNext.operations must be a non-empty list of HealthImaging action names, e.g. ["GetDICOMInstanceFrames"]');
  }
  return { count, status, message, ...(operations === undefined ? {} : { operations: [...operations] }) };
}

/** The knobs in force, and the countdown of forced failures. */
export class EndpointKnobs {
  private knobs: Knobs;

  constructor(initial: Knobs) {
    this.knobs = initial;
  }

  current(): Knobs {
    return structuredClone(this.knobs);
  }

  /** Applies checked knobs (see `parseKnobs`); keys not given keep their value. */
  apply(changes: Partial<Knobs>): void {
    this.knobs = { ...this.knobs, ...structuredClone(changes) };
  }

  /** The forced failure for this request, if one is pending for `operation`; counts it down. */
  takeForcedFailure(operation: Operation): HttpError | undefined {
    const pending = this.knobs.failNext;
    if (!pending || (pending.operations && !pending.operations.includes(operation))) return undefined;
    pending.count -= 1;
    if (pending.count === 0) this.knobs.failNext = null;
    // A forced 429 carries Retry-After like a real one, so clients' back-off paths are exercised.
    return new HttpError(pending.status, pending.message, pending.status === 429 ? { 'Retry-After': '1' } : {});
  }
}
