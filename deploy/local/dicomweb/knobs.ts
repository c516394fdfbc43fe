import {
  assertBoolean,
  assertInteger,
  assertNonEmptyString,
  assertObject,
  SettingsPath,
} from 'ohif-healthimaging-validation';
import { endpointOption, HttpError } from './errors';
import { isOperation, type Operation } from 'ohif-healthimaging-contract';
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
  /** Retrieve throttle or false (none). Setting it refills the bucket. Default `{ ratePerSecond: 50, burst: 100 }`. */
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
  const root: SettingsPath = endpointOption('knobs');
  const given = assertObject(value, root, `an object with any of ${knobKeys.join(', ')}`);
  const at = (key: keyof Knobs) => endpointOption(key);
  const knobs: Partial<Knobs> = {};
  for (const [key, knob] of Object.entries(given)) {
    if (key === 'addedLatencyMs') {
      knobs.addedLatencyMs = assertInteger(knob, at(key), {
        min: 0,
        max: 60_000,
        expected: 'a whole number of milliseconds from 0 to 60000',
      });
    } else if (key === 'throttle') {
      if (knob !== false) assertThrottleSettings(knob, 'throttle');
      knobs.throttle = knob === false ? false : { ratePerSecond: knob.ratePerSecond, burst: knob.burst };
    } else if (key === 'failNext') {
      knobs.failNext = knob === null ? null : parseForcedFailure(knob, at(key));
    } else if (key === 'expireTokensIssuedBefore') {
      knobs.expireTokensIssuedBefore =
        knob === null
          ? null
          : assertInteger(knob, at(key), { min: 0, expected: 'epoch seconds (a whole number) or null' });
    } else if (key === 'skipAuthorization') {
      knobs.skipAuthorization = assertBoolean(knob, at(key));
    } else {
      // The words clients of POST /__local/knobs already match on.
      root.fail(`has an unknown knob "${key}"; the knobs are ${knobKeys.join(', ')}`);
    }
  }
  return knobs;
}

function parseForcedFailure(value: unknown, at: SettingsPath): ForcedFailure {
  const failure = assertObject(value, at, 'an object { count, status, message, operations? }, or null');
  const { count, status, message, operations, ...rest } = failure;
  const unknownKeys = Object.keys(rest);
  if (unknownKeys.length > 0)
    at.fail(`has unknown keys: ${unknownKeys.join(', ')}; the keys are count, status, message, operations`);
  return {
    count: assertInteger(count, at.child('count'), {
      min: 1,
      expected: 'a whole number ≥ 1 (or set failNext to null)',
    }),
    status: assertInteger(status, at.child('status'), {
      min: 400,
      max: 599,
      expected: 'an HTTP error status from 400 to 599',
    }),
    message: assertNonEmptyString(message, at.child('message'), 'a non-empty string, e.g. "Invalid or Expired Token"'),
    ...(operations === undefined ? {} : { operations: operationList(operations, at.child('operations')) }),
  };
}

function operationList(value: unknown, at: SettingsPath): Operation[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isOperation)) {
    at.expected('a non-empty list of HealthImaging action names, e.g. ["GetDICOMInstanceFrames"]', value);
  }
  return [...value];
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
