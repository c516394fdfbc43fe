import { defaultRetrieveQuota, healthImagingIdPattern, healthImagingIdRule } from 'ohif-healthimaging-contract';
import { HealthImagingConfigurationError } from './HealthImagingConfigurationError';
import type { RateLimit } from '../http/createRequestPacer';
import type { HealthImagingDataSourceConfiguration } from './HealthImagingDataSourceConfiguration';

const knownKeys = ['friendlyName', 'region', 'datastoreId', 'imageSetId', 'endpoint', 'retrieveRateLimit', 'auth'];
const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Checks a data source configuration from app-config and returns it typed, with defaults applied.
 * `path` is where the configuration sits in app-config, so that messages point at the right place.
 * The `auth` block is checked by the OIDC session settings, which own their keys.
 */
export function validateConfiguration(
  input: unknown,
  path = 'configuration',
): HealthImagingDataSourceConfiguration {
  if (!isPlainObject(input)) {
    throw new HealthImagingConfigurationError(path, 'must be an object with region, datastoreId and auth');
  }
  const unknown = Object.keys(input).filter(key => !knownKeys.includes(key));
  if (unknown.length > 0) {
    throw new HealthImagingConfigurationError(
      `${path}.${unknown[0]}`,
      `is not a known key; the known keys are ${knownKeys.join(', ')}`,
    );
  }
  const friendlyName = input.friendlyName ?? 'AWS HealthImaging';
  if (typeof friendlyName !== 'string' || friendlyName.trim() === '') {
    throw new HealthImagingConfigurationError(`${path}.friendlyName`, 'must be a non-empty string when given');
  }
  const region = requireMatch(input.region, regionPattern, `${path}.region`, 'must be an AWS region such as us-east-1');
  const datastoreId = requireMatch(
    input.datastoreId,
    healthImagingIdPattern,
    `${path}.datastoreId`,
    `must be a HealthImaging datastore id: ${healthImagingIdRule}`,
  );
  const configuration: HealthImagingDataSourceConfiguration = {
    friendlyName,
    region,
    datastoreId,
    retrieveRateLimit: validateRateLimit(input.retrieveRateLimit ?? defaultRetrieveQuota, `${path}.retrieveRateLimit`),
    auth: input.auth,
  };
  if (input.imageSetId !== undefined) {
    configuration.imageSetId = requireMatch(
      input.imageSetId,
      healthImagingIdPattern,
      `${path}.imageSetId`,
      `must be a HealthImaging image set id (${healthImagingIdRule}) when given`,
    );
  }
  if (input.endpoint !== undefined) {
    configuration.endpoint = validateEndpoint(input.endpoint, `${path}.endpoint`);
  }
  if (input.auth === undefined) {
    throw new HealthImagingConfigurationError(`${path}.auth`, 'is required: the OpenID Connect settings (authority, clientId, ...)');
  }
  return configuration;
}

function validateRateLimit(value: unknown, key: string): RateLimit | false {
  if (value === false) {
    return false;
  }
  const expectation = 'must be { "requestsPerSecond": <number > 0>, "burst": <whole number ≥ 1> } (your HealthImaging retrieve quota), or false';
  if (!isPlainObject(value) || Object.keys(value).some(name => name !== 'requestsPerSecond' && name !== 'burst')) {
    throw new HealthImagingConfigurationError(key, `${expectation}; got ${JSON.stringify(value)}`);
  }
  const { requestsPerSecond, burst } = value;
  if (typeof requestsPerSecond !== 'number' || !(requestsPerSecond > 0) || typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) {
    throw new HealthImagingConfigurationError(key, `${expectation}; got ${JSON.stringify(value)}`);
  }
  return { requestsPerSecond, burst };
}

function validateEndpoint(value: unknown, key: string): string {
  const expectation = 'must be an http(s) URL without path, query or fragment, e.g. https://dicom-medical-imaging.us-east-1.amazonaws.com';
  if (typeof value !== 'string') {
    throw new HealthImagingConfigurationError(key, expectation);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HealthImagingConfigurationError(key, `${expectation}; got "${value}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new HealthImagingConfigurationError(key, `${expectation}; got "${value}"`);
  }
  if (url.pathname.includes('/datastore')) {
    throw new HealthImagingConfigurationError(key, `must not contain /datastore/...: the data source adds it from datastoreId; got "${value}"`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function requireMatch(value: unknown, pattern: RegExp, key: string, expectation: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    const got = value === undefined ? 'it is missing' : `got ${JSON.stringify(value)}`;
    throw new HealthImagingConfigurationError(key, `${expectation}; ${got}`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
