import { assertInteger, assertNumber, assertObject } from 'ohif-healthimaging-validation';
import { endpointOption } from './errors';

/** HealthImaging's retrieve throttle: a rate with a burst allowance. */
export interface ThrottleSettings {
  /** Tokens added per second (HealthImaging: 50). */
  ratePerSecond: number;
  /** Bucket size: requests allowed at once after a quiet period (HealthImaging: 100). */
  burst: number;
}

/** Milliseconds since some fixed point; injectable so tests control time. */
export type Clock = () => number;

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket: starts full (`burst` tokens), refills continuously at `ratePerSecond`, each request takes one.
 * An empty bucket answers how many whole seconds until a token is back (for `Retry-After`, at least 1).
 */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;

  constructor(
    readonly settings: ThrottleSettings,
    private readonly clock: Clock = () => performance.now(),
  ) {
    assertThrottleSettings(settings, 'throttle');
    this.tokens = settings.burst;
    this.lastRefill = clock();
  }

  tryTake(): TakeResult {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.lastRefill) / 1000;
    this.tokens = Math.min(this.settings.burst, this.tokens + elapsedSeconds * this.settings.ratePerSecond);
    this.lastRefill = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.settings.ratePerSecond)),
    };
  }
}

/** @throws EndpointOptionsError naming `key` unless both numbers are positive (burst a whole number ≥ 1). */
export function assertThrottleSettings(value: unknown, key: string): asserts value is ThrottleSettings {
  const at = endpointOption(key);
  const throttle = assertObject(value, at, `{ ratePerSecond, burst }, or false`);
  assertNumber(throttle.ratePerSecond, at.child('ratePerSecond'), {
    above: 0,
    expected: `a positive number (HealthImaging: 50), or set ${key} to false`,
  });
  assertInteger(throttle.burst, at.child('burst'), {
    min: 1,
    expected: `a whole number ≥ 1 (HealthImaging: 100), or set ${key} to false`,
  });
}
