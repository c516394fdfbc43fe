import { healthImagingIdRule, isHealthImagingId } from 'ohif-healthimaging-contract';
import type { AppConfigValues, ExtraOhifSettings } from './AppConfigValues';
import { AppConfigValuesError, type AppConfigProblem } from './AppConfigValuesError';

type Json = Record<string, unknown>;

const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const cognitoIssuerPattern = /^https:\/\/cognito-idp\.[a-z]{2}(-[a-z]+)+-\d+\.amazonaws\.com\/[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/;

/** The `extra` keys accepted, with the JSON kind each must have. */
export const extraSettingKinds: Record<keyof ExtraOhifSettings, 'positiveInteger' | 'boolean' | 'string' | 'object'> = {
  maxNumberOfWebWorkers: 'positiveInteger',
  showLoadingIndicator: 'boolean',
  strictZSpacingForVolumeViewport: 'boolean',
  investigationalUseDialog: 'object',
  studyPrefetcher: 'object',
  showPatientInfo: 'string',
  disableConfirmationPrompts: 'boolean',
  measurementTrackingMode: 'string',
  allowMultiSelectExport: 'boolean',
  useCursors: 'boolean',
  showErrorDetails: 'string',
};

const topLevelKeys = ['target', 'extensionUrl', 'modeUrl', 'dataSource', 'routerBasename', 'maxNumRequests', 'extra'];
const dataSourceKeys = ['friendlyName', 'region', 'datastoreId', 'imageSetId', 'endpoint', 'auth'];
const authKeys = ['provider', 'authority', 'clientId', 'scope', 'redirectUri', 'postLogoutRedirectUri', 'cognitoDomain', 'resource', 'storage', 'extraQueryParams'];
const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];
const maxNumRequestsKeys = ['interaction', 'thumbnail', 'prefetch', 'compute'];

/**
 * Checks AppConfigValues (e.g. parsed from JSON) and returns them typed with defaults filled in
 * (`routerBasename: '/'`, `dataSource.friendlyName: 'AWS HealthImaging'`). Throws one `AppConfigValuesError`
 * naming every bad key.
 */
export function validateAppConfigValues(input: unknown): AppConfigValues {
  const problems: AppConfigProblem[] = [];
  const report = (key: string, problem: string) => problems.push({ key, problem });
  if (!isObject(input)) {
    throw new AppConfigValuesError([{ key: '(values)', problem: 'must be an object with target, extensionUrl, modeUrl and dataSource' }]);
  }
  unknownKeys(input, topLevelKeys, '', report);

  const target = input.target;
  if (target !== 'local' && target !== 'aws') report('target', `must be "local" or "aws", ${got(target)}`);
  // The AWS target is served over HTTPS only; the local stack runs on plain http, on loopback only.
  const schemes = target === 'aws' ? ['https:'] : ['http:', 'https:'];
  const urlRule = target === 'aws' ? 'an https URL' : 'an https URL (or http on 127.0.0.1/localhost)';

  // Both absent: the extension and mode are compiled into the viewer (an OHIF checkout build).
  const compiledIn = input.extensionUrl === undefined && input.modeUrl === undefined;
  for (const key of compiledIn ? [] : (['extensionUrl', 'modeUrl'] as const)) {
    const value = input[key];
    if (!isPluginUrl(value, schemes)) {
      report(key, `must be the URL of a .js bundle: a path from the viewer root such as /plugins/${key === 'modeUrl' ? 'mode' : 'extension'}.<hash>.js, or ${urlRule}; ${got(value)} (or leave out both URLs for a viewer with both compiled in)`);
    }
  }
  if (typeof input.extensionUrl === 'string' && input.extensionUrl === input.modeUrl) {
    report('modeUrl', 'must differ from extensionUrl: the extension and the mode are separate bundles');
  }

  const dataSource = input.dataSource;
  let friendlyName = 'AWS HealthImaging';
  if (!isObject(dataSource)) {
    report('dataSource', `must be an object with region, datastoreId and auth; ${got(dataSource)}`);
  } else {
    unknownKeys(dataSource, dataSourceKeys, 'dataSource.', report);
    if (dataSource.friendlyName !== undefined) {
      if (typeof dataSource.friendlyName !== 'string' || dataSource.friendlyName.trim() === '') {
        report('dataSource.friendlyName', `must be a non-empty string when given; ${got(dataSource.friendlyName)}`);
      } else {
        friendlyName = dataSource.friendlyName;
      }
    }
    if (typeof dataSource.region !== 'string' || !regionPattern.test(dataSource.region)) {
      report('dataSource.region', `must be an AWS region such as us-east-1; ${got(dataSource.region)}`);
    }
    if (typeof dataSource.datastoreId !== 'string' || !isHealthImagingId(dataSource.datastoreId)) {
      report('dataSource.datastoreId', `must be a HealthImaging datastore id: ${healthImagingIdRule}; ${got(dataSource.datastoreId)}`);
    }
    if (dataSource.imageSetId !== undefined && !isHealthImagingId(dataSource.imageSetId)) {
      report('dataSource.imageSetId', `must be a HealthImaging image set id (${healthImagingIdRule}) when given; ${got(dataSource.imageSetId)}`);
    }
    if (dataSource.endpoint !== undefined) {
      const url = parseUrl(dataSource.endpoint, schemes);
      if (!url || url.search || url.hash || url.username || url.password) {
        report('dataSource.endpoint', `must be ${urlRule} without query or fragment, e.g. http://127.0.0.1:5002 (local); ${got(dataSource.endpoint)}`);
      } else if (url.pathname.includes('/datastore')) {
        report('dataSource.endpoint', `must not contain /datastore/...: the data source adds it from datastoreId; ${got(dataSource.endpoint)}`);
      }
    }
    validateAuth(dataSource.auth, schemes, urlRule, report);
  }

  const routerBasename = input.routerBasename ?? '/';
  if (typeof routerBasename !== 'string' || !routerBasename.startsWith('/')) {
    report('routerBasename', `must be a path starting with /, e.g. /; ${got(input.routerBasename)}`);
  }

  if (input.maxNumRequests !== undefined) {
    const limits = input.maxNumRequests;
    if (!isObject(limits)) {
      report('maxNumRequests', `must be an object { interaction, thumbnail, prefetch } when given; ${got(limits)}`);
    } else {
      unknownKeys(limits, maxNumRequestsKeys, 'maxNumRequests.', report);
      for (const key of maxNumRequestsKeys) {
        const value = limits[key];
        if ((key !== 'compute' || value !== undefined) && !isIntegerIn(value, 1, 1000)) {
          report(`maxNumRequests.${key}`, `must be an integer from 1 to 1000${key === 'compute' ? ' when given' : ''}; ${got(value)}`);
        }
      }
    }
  }

  if (input.extra !== undefined) {
    validateExtra(input.extra, report);
  }

  if (problems.length > 0) throw new AppConfigValuesError(problems);
  const values = input as unknown as AppConfigValues;
  return { ...values, routerBasename: routerBasename as string, dataSource: { ...values.dataSource, friendlyName } };
}

function validateAuth(auth: unknown, schemes: string[], urlRule: string, report: (key: string, problem: string) => void): void {
  if (!isObject(auth)) {
    report('dataSource.auth', `must be an object with provider, authority and clientId; ${got(auth)}`);
    return;
  }
  unknownKeys(auth, authKeys, 'dataSource.auth.', report);
  const provider = auth.provider;
  if (provider !== 'cognito' && provider !== 'oidc') {
    report('dataSource.auth.provider', `must be "cognito" or "oidc"; ${got(provider)}`);
  }
  const authority = parseUrl(auth.authority, schemes);
  if (!authority || authority.search || authority.hash) {
    report('dataSource.auth.authority', `must be the issuer URL (${urlRule}, no query or fragment), exactly the tokens' iss claim; ${got(auth.authority)}`);
  } else if (provider === 'cognito' && !cognitoIssuerPattern.test(String(auth.authority))) {
    report('dataSource.auth.authority', `must be the user pool's issuer https://cognito-idp.<region>.amazonaws.com/<userPoolId> for provider "cognito" (not the hosted UI domain); ${got(auth.authority)}`);
  }
  if (typeof auth.clientId !== 'string' || !/^\S+$/.test(auth.clientId)) {
    report('dataSource.auth.clientId', `must be the viewer's client id at the provider (non-empty, no spaces); ${got(auth.clientId)}`);
  }
  if (auth.scope !== undefined && (typeof auth.scope !== 'string' || !auth.scope.split(/\s+/).includes('openid'))) {
    report('dataSource.auth.scope', `must be space-separated scopes including openid when given; ${got(auth.scope)}`);
  }
  for (const key of ['redirectUri', 'postLogoutRedirectUri', 'resource'] as const) {
    if (auth[key] !== undefined && (!parseUrl(auth[key], schemes) || parseUrl(auth[key], schemes)?.hash)) {
      report(`dataSource.auth.${key}`, `must be an absolute URL, ${urlRule}, without fragment when given; ${got(auth[key])}`);
    }
  }
  if (provider === 'cognito') {
    const domain = parseUrl(auth.cognitoDomain, ['https:']);
    if (!domain || domain.origin !== String(auth.cognitoDomain).replace(/\/$/, '')) {
      report('dataSource.auth.cognitoDomain', `must be the hosted UI origin for provider "cognito", e.g. https://my-viewer.auth.us-east-1.amazoncognito.com; ${got(auth.cognitoDomain)}`);
    }
  } else if (auth.cognitoDomain !== undefined) {
    report('dataSource.auth.cognitoDomain', 'is only for provider "cognito"; remove it for a generic OpenID Connect provider');
  }
  if (auth.storage !== undefined && !['session', 'memory', 'local'].includes(auth.storage as string)) {
    report('dataSource.auth.storage', `must be "session", "memory" or "local" when given; ${got(auth.storage)}`);
  }
  if (auth.extraQueryParams !== undefined && (!isObject(auth.extraQueryParams) || Object.values(auth.extraQueryParams).some(v => typeof v !== 'string'))) {
    report('dataSource.auth.extraQueryParams', `must be an object of string values when given; ${got(auth.extraQueryParams)}`);
  }
}

function validateExtra(extra: unknown, report: (key: string, problem: string) => void): void {
  if (!isObject(extra)) {
    report('extra', `must be an object of stock OHIF settings when given; ${got(extra)}`);
    return;
  }
  for (const [key, value] of Object.entries(extra)) {
    const kind = extraSettingKinds[key as keyof ExtraOhifSettings];
    if (!kind) {
      report(`extra.${key}`, `is not an accepted OHIF setting; accepted: ${Object.keys(extraSettingKinds).join(', ')} (the others are owned by renderAppConfig or need code)`);
    } else if (
      (kind === 'positiveInteger' && !isIntegerIn(value, 1, 64)) ||
      (kind === 'boolean' && typeof value !== 'boolean') ||
      (kind === 'string' && typeof value !== 'string') ||
      (kind === 'object' && !(isObject(value) && isJson(value)))
    ) {
      const expected = { positiveInteger: 'an integer from 1 to 64', boolean: 'true or false', string: 'a string', object: 'a JSON object' }[kind];
      report(`extra.${key}`, `must be ${expected}; ${got(value)}`);
    }
  }
}

function unknownKeys(object: Json, known: string[], prefix: string, report: (key: string, problem: string) => void): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) report(`${prefix}${key}`, `is not a known key; the known keys are ${known.join(', ')}`);
  }
}

function isPluginUrl(value: unknown, schemes: string[]): boolean {
  if (typeof value !== 'string' || !/\.m?js$/.test(value.split(/[?#]/)[0] ?? '')) return false;
  return (value.startsWith('/') && !value.startsWith('//')) || parseUrl(value, schemes) !== undefined;
}

/** The URL if it parses and uses an allowed scheme; plain http only ever on a loopback host. */
function parseUrl(value: unknown, schemes: string[]): URL | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    const allowed = schemes.includes(url.protocol) && (url.protocol !== 'http:' || loopbackHosts.includes(url.hostname));
    return allowed ? url : undefined;
  } catch {
    return undefined;
  }
}

function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isJson(value: unknown): boolean {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isObject(value) && Object.values(value).every(isJson);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function got(value: unknown): string {
  return value === undefined ? 'it is missing' : `got ${typeof value === 'function' ? 'a function' : JSON.stringify(value)}`;
}
