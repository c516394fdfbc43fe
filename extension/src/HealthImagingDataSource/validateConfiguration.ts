import {
  assertInteger,
  assertKnownKeys,
  assertMatch,
  assertNonEmptyString,
  assertNumber,
  assertObject,
  assertUrl,
  optional,
  SettingsPath,
} from 'ohif-healthimaging-validation';
import { defaultRetrieveQuota, healthImagingIdPattern, healthImagingIdRule } from 'ohif-healthimaging-contract';
import { HealthImagingConfigurationError } from './HealthImagingConfigurationError';
import type { RateLimit } from '../http/createRequestPacer';
import type {
  HealthImagingDataSourceConfiguration,
  HealthImagingDataSourceConfigurationInput,
} from './HealthImagingDataSourceConfiguration';

const knownKeys: readonly (keyof HealthImagingDataSourceConfigurationInput)[] = [
  'friendlyName',
  'region',
  'datastoreId',
  'imageSetId',
  'endpoint',
  'retrieveRateLimit',
  'auth',
];
const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const defaultFriendlyName = 'AWS HealthImaging';

/**
 * Checks a data source configuration from app-config and returns it typed, with defaults applied.
 * `path` is where the configuration sits in app-config, so that messages point at the right place.
 * The `auth` block is checked by the OIDC session settings, which own their keys.
 */
export function validateConfiguration(input: unknown, path = 'configuration'): HealthImagingDataSourceConfiguration {
  const at = new SettingsPath(path, (key, problem) => new HealthImagingConfigurationError(key, problem));
  const values = assertObject(input, at, 'an object with region, datastoreId and auth');
  assertKnownKeys(values, knownKeys, at);
  const configuration: HealthImagingDataSourceConfiguration = {
    friendlyName: optional(values.friendlyName, defaultFriendlyName, value =>
      assertNonEmptyString(value, at.child('friendlyName'), 'a non-empty string when given'),
    ),
    region: assertMatch(values.region, regionPattern, at.child('region'), 'an AWS region such as us-east-1'),
    datastoreId: assertMatch(
      values.datastoreId,
      healthImagingIdPattern,
      at.child('datastoreId'),
      `a HealthImaging datastore id: ${healthImagingIdRule}`,
    ),
    retrieveRateLimit: optional(values.retrieveRateLimit, defaultRetrieveQuota, value =>
      assertRetrieveRateLimit(value, at.child('retrieveRateLimit')),
    ),
    auth: values.auth,
  };
  if (values.imageSetId !== undefined) {
    configuration.imageSetId = assertMatch(
      values.imageSetId,
      healthImagingIdPattern,
      at.child('imageSetId'),
      `a HealthImaging image set id (${healthImagingIdRule}) when given`,
    );
  }
  if (values.endpoint !== undefined) {
    configuration.endpoint = endpoint(values.endpoint, at.child('endpoint'));
  }
  if (values.auth === undefined) {
    at.child('auth').fail('is required: the OpenID Connect settings (authority, clientId, ...)');
  }
  return configuration;
}

/**
 * A `retrieveRateLimit` value, wherever it is written (app-config, or deploy settings that render it): `at` decides
 * the error class. Any wrong member is reported at the object, whose message shows the whole shape to write.
 */
export function assertRetrieveRateLimit(value: unknown, at: SettingsPath): RateLimit | false {
  if (value === false) return false;
  const expected =
    '{ "requestsPerSecond": <number > 0>, "burst": <whole number ≥ 1> } (your HealthImaging retrieve quota), or false';
  const limit = assertObject(value, at, expected);
  const whole = new SettingsPath(at.key, () => at.expected(expected, value));
  assertKnownKeys(limit, ['requestsPerSecond', 'burst'], whole);
  return {
    requestsPerSecond: assertNumber(limit.requestsPerSecond, whole, { above: 0 }),
    burst: assertInteger(limit.burst, whole, { min: 1 }),
  };
}

function endpoint(value: unknown, at: SettingsPath): string {
  const expected =
    'an http(s) URL without query or fragment (https, or plain http on localhost, 127.0.0.1 or [::1]), e.g. https://dicom-medical-imaging.us-east-1.amazonaws.com';
  const text = assertUrl(value, at, { expected });
  const url = new URL(text);
  if (url.search || url.hash || /[?#]/.test(text) || url.username || url.password) at.expected(expected, value);
  if (url.pathname.includes('/datastore')) {
    at.fail(`must not contain /datastore/...: the data source adds it from datastoreId${at.got(value)}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}
