import { SettingsError } from 'ohif-healthimaging-validation';
import { HealthImagingConfigurationError } from './HealthImagingConfigurationError';
import { validateConfiguration } from './validateConfiguration';

const datastoreId = '0123456789abcdef0123456789abcdef';
const auth = { authority: 'https://idp.example.com', clientId: 'viewer' };
const valid = { region: 'us-east-1', datastoreId, auth };

describe('validateConfiguration', () => {
  it('accepts a minimal configuration and applies the defaults', () => {
    expect(validateConfiguration(valid)).toEqual({
      friendlyName: 'AWS HealthImaging',
      region: 'us-east-1',
      datastoreId,
      retrieveRateLimit: { requestsPerSecond: 50, burst: 100 },
      auth,
    });
  });

  it('keeps the optional keys', () => {
    const configuration = validateConfiguration({
      ...valid,
      friendlyName: 'Radiology',
      imageSetId: 'fedcba9876543210fedcba9876543210',
      endpoint: 'http://127.0.0.1:5002/',
      retrieveRateLimit: { requestsPerSecond: 200, burst: 400 },
    });
    expect(configuration.retrieveRateLimit).toEqual({ requestsPerSecond: 200, burst: 400 });
    expect(validateConfiguration({ ...valid, retrieveRateLimit: false }).retrieveRateLimit).toBe(false);
    expect(configuration.friendlyName).toBe('Radiology');
    expect(configuration.imageSetId).toBe('fedcba9876543210fedcba9876543210');
    expect(configuration.endpoint).toBe('http://127.0.0.1:5002');
  });

  it.each([
    ['not an object', 'x', 'configuration must be an object with region, datastoreId and auth'],
    [
      'a missing region',
      { datastoreId, auth },
      'configuration.region must be an AWS region such as us-east-1; it is missing',
    ],
    [
      'a wrong region',
      { ...valid, region: 'US East' },
      'configuration.region must be an AWS region such as us-east-1; got "US East"',
    ],
    [
      'a missing datastore id',
      { region: 'us-east-1', auth },
      'configuration.datastoreId must be a HealthImaging datastore id: 32 lowercase letters and digits; it is missing',
    ],
    [
      'a datastore ARN instead of an id',
      { ...valid, datastoreId: `arn:aws:medical-imaging:us-east-1:123456789012:datastore/${datastoreId}` },
      'configuration.datastoreId must be a HealthImaging datastore id',
    ],
    [
      'a wrong image set id',
      { ...valid, imageSetId: 'abc' },
      'configuration.imageSetId must be a HealthImaging image set id',
    ],
    [
      'an endpoint that is not a URL',
      { ...valid, endpoint: 'localhost:5002' },
      'configuration.endpoint must be an http(s) URL',
    ],
    [
      'an endpoint with the datastore path',
      { ...valid, endpoint: `https://dicom-medical-imaging.us-east-1.amazonaws.com/datastore/${datastoreId}` },
      'configuration.endpoint must not contain /datastore/...: the data source adds it from datastoreId',
    ],
    [
      'an endpoint with a query',
      { ...valid, endpoint: 'https://example.com?x=1' },
      'configuration.endpoint must be an http(s) URL',
    ],
    [
      'an empty friendly name',
      { ...valid, friendlyName: ' ' },
      'configuration.friendlyName must be a non-empty string when given',
    ],
    ['no auth block', { region: 'us-east-1', datastoreId }, 'configuration.auth is required'],
    [
      'a rate limit of 0',
      { ...valid, retrieveRateLimit: { requestsPerSecond: 0, burst: 100 } },
      'configuration.retrieveRateLimit must be { "requestsPerSecond"',
    ],
    ['a rate limit as a number', { ...valid, retrieveRateLimit: 50 }, 'configuration.retrieveRateLimit must be'],
    [
      'a fractional burst',
      { ...valid, retrieveRateLimit: { requestsPerSecond: 50, burst: 1.5 } },
      'configuration.retrieveRateLimit must be',
    ],
    [
      'a misspelt key',
      { ...valid, datastoreID: datastoreId },
      'configuration.datastoreID is not a known key; the known keys are friendlyName, region, datastoreId, imageSetId, endpoint, retrieveRateLimit, auth',
    ],
  ])('rejects %s with a message naming the key', (_case, input, message) => {
    expect(() => validateConfiguration(input)).toThrow(HealthImagingConfigurationError);
    expect(() => validateConfiguration(input)).toThrow(message);
  });

  it('names the place in app-config that it was given', () => {
    expect(() => validateConfiguration({}, 'dataSources[1].configuration')).toThrow(
      'dataSources[1].configuration.region must be an AWS region',
    );
  });

  it('names the member of retrieveRateLimit only through the whole shape, and is a SettingsError', () => {
    const error = (() => {
      try {
        validateConfiguration(
          { ...valid, retrieveRateLimit: { requestsPerSecond: 50, burst: 100, window: 1 } },
          'dataSources[0].configuration',
        );
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).message).toBe(
      'app-config dataSources[0].configuration.retrieveRateLimit must be { "requestsPerSecond": <number > 0>, "burst": <whole number ≥ 1> } (your HealthImaging retrieve quota), or false; got {"requestsPerSecond":50,"burst":100,"window":1}',
    );
  });

  it('refuses plain http to an endpoint off this machine: tokens go there', () => {
    expect(() => validateConfiguration({ ...valid, endpoint: 'http://dicom.example.com' })).toThrow(
      'configuration.endpoint must use https (plain http only on localhost, 127.0.0.1 or [::1]); got "http://dicom.example.com"',
    );
  });
});
