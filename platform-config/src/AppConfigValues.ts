import type {
  HealthImagingDataSourceConfigurationInput,
  OidcSessionSettingsInput,
} from 'ohif-extension-aws-healthimaging/settings';

/**
 * Where the viewer runs. `aws` requires `https:` for every URL; `local` also allows `http:` on loopback hosts
 * (127.0.0.1, localhost, [::1]).
 */
export type DeployTarget = 'local' | 'aws';

/**
 * The `auth` block: exactly what the extension's `resolveOidcSessionSettings` accepts (its type, so every key the
 * extension documents can be written here). Required: `authority`, `clientId`; `provider: 'cognito'` also needs
 * `cognitoDomain`. See the extension's README for each key and its default.
 */
export type AuthValues = OidcSessionSettingsInput;

/**
 * Our HealthImaging data source; becomes the `configuration` of the app-config's `dataSources[0]`. Exactly what
 * the extension's `validateConfiguration` accepts: `region`, `datastoreId`, `auth`, and optionally
 * `friendlyName`, `imageSetId`, `endpoint` (a HealthImaging-compatible endpoint other than AWS's, without
 * `/datastore/...`) and `retrieveRateLimit` (the account's retrieve quota, `{ requestsPerSecond, burst }`, or `false`).
 */
export type DataSourceValues = HealthImagingDataSourceConfigurationInput;

/** Request limits of cornerstone's image load pool, per request type. */
export interface MaxNumRequests {
  /** Images the user is looking at. */
  interaction: number;
  /** Study browser thumbnails. */
  thumbnail: number;
  /** Images loaded ahead of use. */
  prefetch: number;
  /** Compute jobs (optional). */
  compute?: number;
}

/**
 * Stock OHIF settings that may be passed through `extra` (JSON values only). Each is read by the OHIF 3.13 bundle;
 * see OHIF's configuration documentation for their meaning.
 */
export interface ExtraOhifSettings {
  /** Decoder web workers. Default in our config: 3 (OHIF's stock value). */
  maxNumberOfWebWorkers?: number;
  /** Show a spinner while a viewport loads. Default in our config: true. */
  showLoadingIndicator?: boolean;
  /** Refuse volumes with uneven slice spacing. Default in our config: true. */
  strictZSpacingForVolumeViewport?: boolean;
  /**
   * OHIF's "investigational use" notice, e.g. `{ "option": "configure", "days": 7 }`.
   * Default: OHIF's (always shown).
   */
  investigationalUseDialog?: Record<string, unknown>;
  /**
   * OHIF's study prefetcher settings, e.g. `{ "enabled": true, "displaySetsCount": 2, "maxNumPrefetchRequests": 10,
   * "order": "closest" }`.
   */
  studyPrefetcher?: Record<string, unknown>;
  /** Patient information panel: `visible`, `visibleCollapsed`, `visibleReadOnly`, `disabled`. */
  showPatientInfo?: string;
  /** Skip OHIF's "are you sure" prompts. */
  disableConfirmationPrompts?: boolean;
  /** Measurement tracking prompts: `standard`, `simplified` or `none`. */
  measurementTrackingMode?: string;
  /** Allow exporting several studies at once from the study list. */
  allowMultiSelectExport?: boolean;
  /** Tool-specific mouse cursors. */
  useCursors?: boolean;
  /** When error boundaries show details: `always`, `dev` or `production`. */
  showErrorDetails?: string;
}

/** Everything our app-config.js is rendered from. `validateAppConfigValues` checks it; `renderAppConfig` renders it. */
export interface AppConfigValues {
  /** Where the viewer runs: `local` or `aws`. Decides which URL schemes are accepted. */
  target: DeployTarget;
  /**
   * URL of our runtime extension bundle (listed in `extensions`), e.g. `/plugins/extension.<hash>.js`. Absent, with
   * `modeUrl`, when both are compiled into the viewer (an OHIF checkout build): the app-config then lists none.
   */
  extensionUrl?: string;
  /** URL of our runtime mode bundle (listed in `modes`), e.g. `/plugins/mode.<hash>.js`. Absent with `extensionUrl`. */
  modeUrl?: string;
  /** The HealthImaging data source. */
  dataSource: DataSourceValues;
  /** Path the viewer's routes live under. Default `/` (the prebuilt viewer loads its files from `/`). */
  routerBasename?: string;
  /** Image request limits. Default: unset, OHIF's fallbacks apply until our mode sets its own concurrency. */
  maxNumRequests?: MaxNumRequests;
  /** More stock OHIF settings (a fixed list, JSON values only); they override our defaults for those keys. */
  extra?: ExtraOhifSettings;
}
