import type { AppConfigValues, DataSourceValues } from '../src/AppConfigValues';
import { compiledInPlugins, pluginBundleUrls } from './pluginBundleUrls';
import { TargetInputsError } from './TargetInputsError';

/** What the local stack knows when it renders the viewer's app-config (`npm start`). */
export interface LocalTargetInputs {
  /** Port of the local OpenID Connect provider; the issuer is `http://127.0.0.1:<oidcPort>`. Stack default 5001. */
  oidcPort: number;
  /** Port of the local HealthImaging-compatible DICOMweb endpoint (`http://127.0.0.1:<dicomwebPort>`). Stack default 5002. */
  dicomwebPort: number;
  /** The local datastore id (32 lowercase letters and digits). */
  datastoreId: string;
  /**
   * URLs of our runtime bundles by name: `ViewerManifest.pluginUrls`; must have `extension` and `mode`. Or
   * `compiledInPlugins` for a viewer built from an OHIF checkout with both compiled in.
   */
  pluginUrls: Record<string, string | undefined> | typeof compiledInPlugins;
  /** Region the endpoint pretends to be in. Default `us-east-1`. */
  region?: string;
  /** Scopes the viewer asks for. Default `openid profile user/ImagingStudy.read` (the local provider's read scope). */
  scope?: string;
  /** The issuer, when the provider stands in for another one (a path below its origin). Default `http://127.0.0.1:<oidcPort>`. */
  authority?: string;
  /** Authorization request parameters (Auth0's `audience`). Default none. */
  extraQueryParams?: Record<string, string>;
  /**
   * The viewer's pace for retrieve requests, the data source's `retrieveRateLimit`: the stack passes the quota its
   * endpoint enforces (`--throttle-rate`, `--throttle-burst`). Default: the extension's (HealthImaging's default
   * quota).
   */
  retrieveRateLimit?: DataSourceValues['retrieveRateLimit'];
}

const loopback = '127.0.0.1';
export const localClientId = 'ohif-viewer';
export const localScope = 'openid profile user/ImagingStudy.read';

/**
 * AppConfigValues for the local stack: the local provider (`ohif-viewer` public client) and the local endpoint,
 * on loopback. Sign-in and sign-out return to the viewer's own origin (the extension's defaults), so the viewer
 * works whichever loopback name it is opened with, as long as the provider accepts that redirect URI.
 */
export function localAppConfigValues(inputs: LocalTargetInputs): AppConfigValues {
  for (const key of ['oidcPort', 'dicomwebPort'] as const) {
    const port = inputs[key];
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TargetInputsError(
        key,
        `must be the port the service listens on (1-65535), got ${JSON.stringify(port)}`,
      );
    }
  }
  const pluginUrls = pluginBundleUrls(inputs.pluginUrls);
  return {
    target: 'local',
    ...pluginUrls,
    routerBasename: '/',
    dataSource: {
      friendlyName: 'Local HealthImaging',
      region: inputs.region ?? 'us-east-1',
      datastoreId: inputs.datastoreId,
      endpoint: `http://${loopback}:${inputs.dicomwebPort}`,
      ...(inputs.retrieveRateLimit === undefined ? {} : { retrieveRateLimit: inputs.retrieveRateLimit }),
      auth: {
        provider: 'oidc',
        authority: inputs.authority ?? `http://${loopback}:${inputs.oidcPort}`,
        clientId: localClientId,
        scope: inputs.scope ?? localScope,
        ...(inputs.extraQueryParams === undefined ? {} : { extraQueryParams: inputs.extraQueryParams }),
      },
    },
  };
}
