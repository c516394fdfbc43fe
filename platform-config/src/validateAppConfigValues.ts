import { resolveOidcSessionSettings, validateConfiguration } from 'ohif-extension-aws-healthimaging/settings';
import {
  assertBoolean,
  assertInteger,
  assertKnownKeys,
  assertObject,
  assertOneOf,
  assertString,
  isLoopbackHost,
  isSettingsObject,
  SettingsError,
  SettingsPath,
  type SettingsObject,
} from 'ohif-healthimaging-validation';
import type { AppConfigValues, DeployTarget, ExtraOhifSettings } from './AppConfigValues';
import { AppConfigValuesError, type AppConfigProblem } from './AppConfigValuesError';

const cognitoIssuerPattern =
  /^https:\/\/cognito-idp\.[a-z]{2}(-[a-z]+)+-\d+\.amazonaws\.com\/[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/;
/**
 * Stands in for the viewer's origin, which only the browser knows, when no redirectUri says it: the extension
 * checks the form of the auth block here and the origin again when the viewer starts.
 */
const unknownViewerOrigin = 'https://viewer.invalid';

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

const topLevelKeys: readonly (keyof AppConfigValues)[] = [
  'target',
  'extensionUrl',
  'modeUrl',
  'dataSource',
  'routerBasename',
  'maxNumRequests',
  'extra',
];
const targets: readonly DeployTarget[] = ['local', 'aws'];
const maxNumRequestsKeys = ['interaction', 'thumbnail', 'prefetch', 'compute'];
/** URL keys of the auth block; on the aws target each must be https (the viewer is served over https only). */
const authUrlKeys = ['authority', 'redirectUri', 'postLogoutRedirectUri', 'resource', 'cognitoDomain'];

/**
 * Checks AppConfigValues (e.g. parsed from JSON) and returns them typed with defaults filled in
 * (`routerBasename: '/'`, `dataSource.friendlyName: 'AWS HealthImaging'`). The data source and its auth block are
 * checked by the extension's own validators, the ones the viewer runs when it starts, so whatever passes here
 * starts there. Throws one `AppConfigValuesError` naming every bad key (the first of each part).
 */
export function validateAppConfigValues(input: unknown): AppConfigValues {
  const problems: AppConfigProblem[] = [];
  const raise = (key: string, problem: string) => new SettingsError(key, problem);
  /** Runs one part's checks; a problem is noted and the next part checked. */
  const check = (part: () => void) => {
    try {
      part();
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      problems.push({ key: error.key, problem: error.problem });
    }
  };
  const root = new SettingsPath('(values)', raise, { childPrefix: '' });
  if (!isSettingsObject(input)) {
    throw new AppConfigValuesError([
      { key: '(values)', problem: 'must be an object with target, extensionUrl, modeUrl and dataSource' },
    ]);
  }
  check(() => assertKnownKeys(input, topLevelKeys, root));

  const target = input.target;
  check(() => assertOneOf(target, targets, new SettingsPath('target', raise, { style: 'comma' }), '"local" or "aws"'));
  // The AWS target is served over HTTPS only; the local stack runs on plain http, on loopback only.
  const https = target === 'aws';
  const urlRule = https ? 'an https URL' : 'an https URL (or http on 127.0.0.1/localhost)';

  // Both absent: the extension and mode are compiled into the viewer (an OHIF checkout build).
  const compiledIn = input.extensionUrl === undefined && input.modeUrl === undefined;
  for (const key of compiledIn ? [] : (['extensionUrl', 'modeUrl'] as const)) {
    const value = input[key];
    if (!isPluginUrl(value, https)) {
      const at = root.child(key);
      const example = `/plugins/${key === 'modeUrl' ? 'mode' : 'extension'}.<hash>.js`;
      check(() =>
        at.fail(
          `must be the URL of a .js bundle: a path from the viewer root such as ${example}, or ${urlRule}${at.got(value)} (or leave out both URLs for a viewer with both compiled in)`,
        ),
      );
    }
  }
  if (typeof input.extensionUrl === 'string' && input.extensionUrl === input.modeUrl) {
    check(() =>
      root.child('modeUrl').fail('must differ from extensionUrl: the extension and the mode are separate bundles'),
    );
  }

  let friendlyName: string | undefined;
  check(() => (friendlyName = validateConfiguration(input.dataSource, 'dataSource').friendlyName));
  const dataSource = input.dataSource;
  if (isSettingsObject(dataSource) && isSettingsObject(dataSource.auth)) {
    const auth = dataSource.auth;
    check(() =>
      resolveOidcSessionSettings(auth, {
        viewerOrigin: originOf(auth.redirectUri) ?? unknownViewerOrigin,
        path: 'dataSource.auth',
      }),
    );
    check(() => deploymentRules(dataSource, auth, https, root.child('dataSource')));
  }

  const routerBasename = input.routerBasename ?? '/';
  if (typeof routerBasename !== 'string' || !routerBasename.startsWith('/')) {
    check(() => root.child('routerBasename').expected('a path starting with /, e.g. /', input.routerBasename));
  }
  if (input.maxNumRequests !== undefined)
    validateMaxNumRequests(input.maxNumRequests, root.child('maxNumRequests'), check);
  if (input.extra !== undefined) validateExtra(input.extra, root.child('extra'), check);

  if (problems.length > 0) throw new AppConfigValuesError(problems);
  const values = input as unknown as AppConfigValues;
  return {
    ...values,
    routerBasename: routerBasename as string,
    dataSource: { ...values.dataSource, friendlyName: friendlyName as string },
  };
}

/** What a deployment adds to the extension's rules: https only on the aws target, Cognito's issuer form. */
function deploymentRules(dataSource: SettingsObject, auth: SettingsObject, https: boolean, at: SettingsPath): void {
  const authAt = at.child('auth');
  if (https) {
    const urls: Array<[SettingsPath, unknown]> = [
      [at.child('endpoint'), dataSource.endpoint],
      ...authUrlKeys.map((key): [SettingsPath, unknown] => [authAt.child(key), auth[key]]),
    ];
    for (const [urlAt, value] of urls) {
      if (typeof value === 'string' && URL.parse(value)?.protocol === 'http:') {
        urlAt.fail(`must be an https URL: the aws target serves the viewer over https only${urlAt.got(value)}`);
      }
    }
  }
  if (auth.provider === 'cognito' && !cognitoIssuerPattern.test(String(auth.authority).replace(/\/+$/, ''))) {
    authAt
      .child('authority')
      .expected(
        'the user pool\'s issuer https://cognito-idp.<region>.amazonaws.com/<userPoolId> for provider "cognito" (not the hosted UI domain)',
        auth.authority,
      );
  }
}

function validateMaxNumRequests(value: unknown, at: SettingsPath, check: (part: () => void) => void): void {
  let limits: SettingsObject = {};
  check(() => {
    limits = assertObject(value, at, 'an object { interaction, thumbnail, prefetch } when given');
    assertKnownKeys(limits, maxNumRequestsKeys, at);
  });
  if (!isSettingsObject(value)) return;
  for (const key of maxNumRequestsKeys) {
    if (key === 'compute' && limits[key] === undefined) continue;
    check(() =>
      assertInteger(limits[key], at.child(key), {
        min: 1,
        max: 1000,
        expected: `an integer from 1 to 1000${key === 'compute' ? ' when given' : ''}`,
      }),
    );
  }
}

function validateExtra(value: unknown, at: SettingsPath, check: (part: () => void) => void): void {
  check(() => {
    const extra = assertObject(value, at, 'an object of stock OHIF settings when given');
    assertKnownKeys(extra, Object.keys(extraSettingKinds), at, {
      wording: { unknown: 'is not an accepted OHIF setting', known: 'accepted:' },
    });
  });
  if (!isSettingsObject(value)) return;
  for (const [key, setting] of Object.entries(value)) {
    const kind = extraSettingKinds[key as keyof ExtraOhifSettings];
    const settingAt = at.child(key);
    if (kind === 'positiveInteger') check(() => assertInteger(setting, settingAt, { min: 1, max: 64 }));
    if (kind === 'boolean') check(() => assertBoolean(setting, settingAt));
    if (kind === 'string') check(() => assertString(setting, settingAt));
    if (kind === 'object' && !(isSettingsObject(setting) && isJson(setting)))
      check(() => settingAt.expected('a JSON object', setting));
  }
}

function isPluginUrl(value: unknown, https: boolean): boolean {
  if (typeof value !== 'string' || !/\.m?js$/.test(value.split(/[?#]/)[0] ?? '')) return false;
  if (value.startsWith('/')) return !value.startsWith('//');
  const url = URL.parse(value);
  return (
    url !== null && (url.protocol === 'https:' || (!https && url.protocol === 'http:' && isLoopbackHost(url.hostname)))
  );
}

function originOf(value: unknown): string | undefined {
  const url = typeof value === 'string' ? URL.parse(value) : null;
  return url?.protocol === 'https:' || url?.protocol === 'http:' ? url.origin : undefined;
}

function isJson(value: unknown): boolean {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isSettingsObject(value) && Object.values(value).every(isJson);
}
