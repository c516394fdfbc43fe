import { defaultRequestLimits, requestTypes, type RequestLimits } from './RequestLimits';
import { RequestLimitsError } from './RequestLimitsError';

const maximumLimit = 1000;

/**
 * The limits the mode applies: the defaults, overridden key by key by `modesConfiguration[<mode id>].requestLimits`
 * from app-config. `path` is where that object sits in app-config, for the error messages.
 */
export function resolveRequestLimits(overrides: unknown, path: string): RequestLimits {
  if (overrides === undefined) {
    return { ...defaultRequestLimits };
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new RequestLimitsError(path, 'must be an object such as { "interaction": 6, "thumbnail": 2, "prefetch": 10 }');
  }
  const limits = { ...defaultRequestLimits };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(requestTypes as readonly string[]).includes(key)) {
      throw new RequestLimitsError(`${path}.${key}`, `is not a request type; use ${requestTypes.join(', ')}`);
    }
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > maximumLimit) {
      throw new RequestLimitsError(`${path}.${key}`, `must be a whole number from 1 to ${maximumLimit}; got ${JSON.stringify(value)}`);
    }
    limits[key as keyof RequestLimits] = value as number;
  }
  return limits;
}
