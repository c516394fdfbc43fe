import { assertInteger, assertKnownKeys, assertObject, SettingsPath } from 'ohif-healthimaging-validation';
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
  const at = new SettingsPath(path, (key, problem) => new RequestLimitsError(key, problem));
  const given = assertObject(overrides, at, 'an object such as { "interaction": 6, "thumbnail": 2, "prefetch": 10 }');
  assertKnownKeys(given, requestTypes, at, { wording: { unknown: 'is not a request type', known: 'use' } });
  const limits = { ...defaultRequestLimits };
  for (const [key, value] of Object.entries(given)) {
    limits[key as keyof RequestLimits] = assertInteger(value, at.child(key), {
      min: 1,
      max: maximumLimit,
      expected: `a whole number from 1 to ${maximumLimit}`,
    });
  }
  return limits;
}
