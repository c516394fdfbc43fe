import type { AppConfigValues } from './AppConfigValues';
import { AppConfigValuesError } from './AppConfigValuesError';
import { validateAppConfigValues } from './validateAppConfigValues';

const oidcValues: AppConfigValues = {
  target: 'aws',
  extensionUrl: '/plugins/extension.0123456789abcdef.js',
  modeUrl: '/plugins/mode.fedcba9876543210.js',
  dataSource: {
    region: 'us-east-1',
    datastoreId: '0123456789abcdef0123456789abcdef',
    auth: { provider: 'oidc', authority: 'https://login.example.com/realms/imaging', clientId: 'ohif-viewer' },
  },
};

type Mutable = Record<string, unknown> & { dataSource: Record<string, unknown> & { auth: Record<string, unknown> } };

function problemsOf(change: (values: Mutable) => void): AppConfigValuesError['problems'] {
  const values = structuredClone(oidcValues) as unknown as Mutable;
  change(values);
  try {
    validateAppConfigValues(values);
  } catch (error) {
    expect(error).toBeInstanceOf(AppConfigValuesError);
    return (error as AppConfigValuesError).problems;
  }
  return [];
}

describe('validateAppConfigValues', () => {
  it('accepts valid values and fills in the defaults', () => {
    const values = validateAppConfigValues(oidcValues);
    expect(values.routerBasename).toBe('/');
    expect(values.dataSource.friendlyName).toBe('AWS HealthImaging');
    expect(values.dataSource.auth).toEqual(oidcValues.dataSource.auth);
  });

  it('refuses a non-object', () => {
    expect(() => validateAppConfigValues('x')).toThrow(
      '(values) must be an object with target, extensionUrl, modeUrl and dataSource',
    );
  });

  it.each<[string, (values: Mutable) => void, string, string]>([
    [
      'unknown top-level key',
      v => (v.oidc = {}),
      'oidc',
      'is not a known key; the known keys are target, extensionUrl, modeUrl, dataSource, routerBasename, maxNumRequests, extra',
    ],
    ['bad target', v => (v.target = 'gcp'), 'target', 'must be "local" or "aws", got "gcp"'],
    [
      'relative extension URL',
      v => (v.extensionUrl = 'extension.js'),
      'extensionUrl',
      'must be the URL of a .js bundle: a path from the viewer root such as /plugins/extension.<hash>.js, or an https URL; got "extension.js"',
    ],
    [
      'protocol-relative mode URL',
      v => (v.modeUrl = '//cdn.example.com/mode.js'),
      'modeUrl',
      'must be the URL of a .js bundle',
    ],
    [
      'http mode URL on aws',
      v => (v.modeUrl = 'http://cdn.example.com/mode.js'),
      'modeUrl',
      'or an https URL; got "http://cdn.example.com/mode.js"',
    ],
    ['same URL twice', v => (v.modeUrl = v.extensionUrl), 'modeUrl', 'must differ from extensionUrl'],
    [
      'missing data source',
      v => delete (v as Record<string, unknown>).dataSource,
      'dataSource',
      'must be an object with region, datastoreId and auth; it is missing',
    ],
    [
      'unknown data source key',
      v => (v.dataSource.wadoRoot = 'x'),
      'dataSource.wadoRoot',
      'is not a known key; the known keys are friendlyName, region, datastoreId, imageSetId, endpoint, retrieveRateLimit, auth',
    ],
    [
      'empty friendly name',
      v => (v.dataSource.friendlyName = ' '),
      'dataSource.friendlyName',
      'must be a non-empty string when given; got " "',
    ],
    [
      'bad region',
      v => (v.dataSource.region = 'US-EAST-1'),
      'dataSource.region',
      'must be an AWS region such as us-east-1; got "US-EAST-1"',
    ],
    [
      'bad datastore id',
      v => (v.dataSource.datastoreId = 'abc'),
      'dataSource.datastoreId',
      'must be a HealthImaging datastore id: 32 lowercase letters and digits; got "abc"',
    ],
    [
      'bad image set id',
      v => (v.dataSource.imageSetId = 'ABC'),
      'dataSource.imageSetId',
      'must be a HealthImaging image set id (32 lowercase letters and digits) when given; got "ABC"',
    ],
    [
      'endpoint with query',
      v => (v.dataSource.endpoint = 'https://h.example.com/?x=1'),
      'dataSource.endpoint',
      'must be an http(s) URL without query or fragment (https, or plain http on localhost, 127.0.0.1 or [::1]), e.g. https://dicom-medical-imaging.us-east-1.amazonaws.com; got "https://h.example.com/?x=1"',
    ],
    [
      'endpoint with datastore',
      v => (v.dataSource.endpoint = 'https://h.example.com/datastore/x'),
      'dataSource.endpoint',
      'must not contain /datastore/...: the data source adds it from datastoreId',
    ],
    [
      'missing auth',
      v => delete (v.dataSource as Record<string, unknown>).auth,
      'dataSource.auth',
      'is required: the OpenID Connect settings (authority, clientId, ...)',
    ],
    [
      'unknown auth key',
      v => (v.dataSource.auth.client_id = 'x'),
      'dataSource.auth.client_id',
      'is not a known key; the known keys are authority, clientId, scope',
    ],
    [
      'bad provider',
      v => (v.dataSource.auth.provider = 'okta'),
      'dataSource.auth.provider',
      'must be one of "oidc", "cognito"; got "okta"',
    ],
    [
      'http authority on aws',
      v => (v.dataSource.auth.authority = 'http://login.example.com'),
      'dataSource.auth.authority',
      'must use https (plain http only on localhost, 127.0.0.1 or [::1]); got "http://login.example.com"',
    ],
    [
      'cognito with hosted UI as authority',
      v =>
        Object.assign(v.dataSource.auth, {
          provider: 'cognito',
          authority: 'https://x.auth.us-east-1.amazoncognito.com',
          cognitoDomain: 'https://x.auth.us-east-1.amazoncognito.com',
        }),
      'dataSource.auth.authority',
      'must be the user pool\'s issuer https://cognito-idp.<region>.amazonaws.com/<userPoolId> for provider "cognito" (not the hosted UI domain)',
    ],
    [
      'empty client id',
      v => (v.dataSource.auth.clientId = ''),
      'dataSource.auth.clientId',
      'must be a non-empty string; got ""',
    ],
    [
      'scope without openid',
      v => (v.dataSource.auth.scope = 'profile email'),
      'dataSource.auth.scope',
      'must include openid; got "profile email"',
    ],
    [
      'relative redirect URI',
      v => (v.dataSource.auth.redirectUri = '/callback'),
      'dataSource.auth.redirectUri',
      'must be an absolute https URL (the sign-in callback URL on the viewer origin); got "/callback"',
    ],
    [
      'post-logout URI with fragment',
      v => (v.dataSource.auth.postLogoutRedirectUri = 'https://v.example.com/#x'),
      'dataSource.auth.postLogoutRedirectUri',
      'must be an absolute URL without fragment (the page to return to after sign-out); got "https://v.example.com/#x"',
    ],
    [
      'bad resource',
      v => (v.dataSource.auth.resource = 'urn:x'),
      'dataSource.auth.resource',
      'must be an absolute https URL (the resource indicator, an absolute URL); got "urn:x"',
    ],
    [
      'cognito without domain',
      v =>
        Object.assign(v.dataSource.auth, {
          provider: 'cognito',
          authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC',
        }),
      'dataSource.auth.cognitoDomain',
      'is required: the Cognito hosted UI domain, e.g. https://my-viewer.auth.us-east-1.amazoncognito.com',
    ],
    [
      'cognito domain with path',
      v =>
        Object.assign(v.dataSource.auth, {
          provider: 'cognito',
          authority: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC',
          cognitoDomain: 'https://x.auth.us-east-1.amazoncognito.com/login',
        }),
      'dataSource.auth.cognitoDomain',
      'must be the hosted UI origin for provider "cognito"',
    ],
    [
      'cognito domain for oidc',
      v => (v.dataSource.auth.cognitoDomain = 'https://x.auth.us-east-1.amazoncognito.com'),
      'dataSource.auth.cognitoDomain',
      'is only used with provider "cognito"; remove it for a generic OpenID Connect provider',
    ],
    [
      'bad storage',
      v => (v.dataSource.auth.storage = 'cookie'),
      'dataSource.auth.storage',
      'must be one of "session", "memory", "local"; got "cookie"',
    ],
    [
      'bad extra query params',
      v => (v.dataSource.auth.extraQueryParams = { a: 1 }),
      'dataSource.auth.extraQueryParams',
      'must be an object of string values; got {"a":1}',
    ],
    [
      'bad router basename',
      v => (v.routerBasename = 'viewer'),
      'routerBasename',
      'must be a path starting with /, e.g. /; got "viewer"',
    ],
    [
      'bad maxNumRequests',
      v => (v.maxNumRequests = 5),
      'maxNumRequests',
      'must be an object { interaction, thumbnail, prefetch } when given; got 5',
    ],
    [
      'unknown maxNumRequests key',
      v => (v.maxNumRequests = { interaction: 1, thumbnail: 1, prefetch: 1, retrieve: 1 }),
      'maxNumRequests.retrieve',
      'is not a known key',
    ],
    [
      'zero prefetch',
      v => (v.maxNumRequests = { interaction: 1, thumbnail: 1, prefetch: 0 }),
      'maxNumRequests.prefetch',
      'must be an integer from 1 to 1000; got 0',
    ],
    [
      'fractional compute',
      v => (v.maxNumRequests = { interaction: 1, thumbnail: 1, prefetch: 1, compute: 1.5 }),
      'maxNumRequests.compute',
      'must be an integer from 1 to 1000 when given; got 1.5',
    ],
    [
      'extra not an object',
      v => (v.extra = []),
      'extra',
      'must be an object of stock OHIF settings when given; got []',
    ],
    [
      'extra key we own',
      v => (v.extra = { dataSources: [] }),
      'extra.dataSources',
      'is not an accepted OHIF setting; accepted: maxNumberOfWebWorkers,',
    ],
    [
      'extra with a function',
      v => (v.extra = { studyPrefetcher: { order: () => 1 } }),
      'extra.studyPrefetcher',
      'must be a JSON object',
    ],
    [
      'extra number',
      v => (v.extra = { maxNumberOfWebWorkers: 0 }),
      'extra.maxNumberOfWebWorkers',
      'must be an integer from 1 to 64; got 0',
    ],
    ['extra boolean', v => (v.extra = { useCursors: 'yes' }), 'extra.useCursors', 'must be true or false; got "yes"'],
    ['extra string', v => (v.extra = { showErrorDetails: 1 }), 'extra.showErrorDetails', 'must be a string; got 1'],
  ])('names the bad key: %s', (_case, change, key, problem) => {
    const problems = problemsOf(change);
    expect(problems).toEqual(expect.arrayContaining([{ key, problem: expect.stringContaining(problem) }]));
  });

  it('accepts every key the extension accepts, retrieveRateLimit and the session tuning keys included', () => {
    const values = structuredClone(oidcValues);
    values.dataSource.retrieveRateLimit = { requestsPerSecond: 200, burst: 400 };
    values.dataSource.auth = { ...values.dataSource.auth, refreshMarginSeconds: 30, refreshRetry: { maxAttempts: 3 } };
    expect(validateAppConfigValues(values).dataSource).toMatchObject({
      retrieveRateLimit: { requestsPerSecond: 200, burst: 400 },
      auth: { refreshMarginSeconds: 30, refreshRetry: { maxAttempts: 3 } },
    });
    expect(problemsOf(v => (v.dataSource.retrieveRateLimit = false))).toEqual([]);
  });

  it('refuses what the extension refuses, in its words', () => {
    expect(problemsOf(v => (v.dataSource.retrieveRateLimit = { requestsPerSecond: 50, burst: 0 }))).toEqual([
      {
        key: 'dataSource.retrieveRateLimit',
        problem: expect.stringContaining('must be { "requestsPerSecond": <number > 0>, "burst": <whole number ≥ 1> }'),
      },
    ]);
    expect(problemsOf(v => (v.dataSource.auth.refreshRetry = { retries: 3 }))).toEqual([
      { key: 'dataSource.auth.refreshRetry.retries', problem: expect.stringContaining('is not a known key') },
    ]);
  });

  it('refuses plain http on the aws target even on loopback', () => {
    expect(problemsOf(v => (v.dataSource.endpoint = 'http://127.0.0.1:5002'))).toEqual([
      {
        key: 'dataSource.endpoint',
        problem: 'must be an https URL: the aws target serves the viewer over https only; got "http://127.0.0.1:5002"',
      },
    ]);
  });

  it('allows http on loopback for the local target only', () => {
    const local = (v: Mutable) => {
      v.target = 'local';
      v.dataSource.endpoint = 'http://127.0.0.1:5002';
      v.dataSource.auth.authority = 'http://localhost:5001';
    };
    expect(problemsOf(local)).toEqual([]);
    expect(problemsOf(v => (local(v), (v.dataSource.endpoint = 'http://192.168.1.5:5002')))).toEqual([
      {
        key: 'dataSource.endpoint',
        problem: expect.stringContaining('must use https (plain http only on localhost, 127.0.0.1 or [::1])'),
      },
    ]);
  });

  it('reports every bad key at once, one per line', () => {
    const error = (() => {
      try {
        validateAppConfigValues({
          ...oidcValues,
          target: 'x',
          dataSource: { ...oidcValues.dataSource, region: 'nowhere' },
        });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toBe(
      'Invalid app-config values:\n  target must be "local" or "aws", got "x"\n  dataSource.region must be an AWS region such as us-east-1; got "nowhere"',
    );
  });
});
