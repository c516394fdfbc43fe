/**
 * Where the viewer runs. `aws` requires `https:` for every URL; `local` also allows `http:` on loopback hosts
 * (127.0.0.1, localhost, [::1]).
 */
export type DeployTarget = 'local' | 'aws';

/** The OpenID Connect session our extension runs (code flow with PKCE, public client, no secret). */
export interface AuthValues {
  /**
   * `cognito`: an Amazon Cognito user pool (sign-out goes through its hosted domain, `cognitoDomain`).
   * `oidc`: any other OpenID Connect provider (Keycloak, Okta, Entra ID, Auth0, the local one...).
   */
  provider: 'cognito' | 'oidc';
  /**
   * The issuer URL, exactly the tokens' `iss`; discovery is read from `<authority>/.well-known/openid-configuration`.
   * Cognito: `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. Local: `http://127.0.0.1:5001`.
   */
  authority: string;
  /** The viewer's public client id at the provider (no secret). */
  clientId: string;
  /** Scopes requested at sign-in, space-separated; must include `openid`. Default: the extension's default. */
  scope?: string;
  /** Absolute URL the provider redirects to after sign-in. Default: the extension's (`<viewer origin>/callback`). */
  redirectUri?: string;
  /** Absolute URL the provider returns to after sign-out. Default: the extension's (`<viewer origin>/`). */
  postLogoutRedirectUri?: string;
  /**
   * The hosted UI domain, `https://<prefix>.auth.<region>.amazoncognito.com` (or a custom domain), origin only.
   * Required for `cognito` (its discovery has no `end_session_endpoint`; the extension signs out at
   * `<cognitoDomain>/logout`), not allowed for `oidc`.
   */
  cognitoDomain?: string;
  /** RFC 8707 resource indicator sent with the authorization and token requests, when the provider needs one. */
  resource?: string;
  /** Where the session is kept: `session` (sessionStorage, the extension's default), `memory` or `local`. */
  storage?: 'session' | 'memory' | 'local';
  /** Extra authorization request parameters, e.g. `{ "identity_provider": "Okta" }`. */
  extraQueryParams?: Record<string, string>;
}

/** Our HealthImaging data source; becomes the `configuration` of the app-config's `dataSources[0]`. */
export interface DataSourceValues {
  /** Shown by OHIF where it names the data source. Default `AWS HealthImaging`. */
  friendlyName?: string;
  /** AWS region of the datastore, e.g. `us-east-1`. */
  region: string;
  /** HealthImaging datastore id: 32 lowercase letters and digits. */
  datastoreId: string;
  /** Optional image set id (32 lowercase hex) sent with every request, to reach a non-primary image set. */
  imageSetId?: string;
  /**
   * A HealthImaging-compatible endpoint other than AWS's, without `/datastore/...`, e.g. the local one
   * `http://127.0.0.1:5002`. Default (unset): `https://dicom-medical-imaging.<region>.amazonaws.com`.
   */
  endpoint?: string;
  /** The sign-in settings. */
  auth: AuthValues;
}

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
  /** OHIF's "investigational use" notice, e.g. `{ "option": "configure", "days": 7 }`. Default: OHIF's (always shown). */
  investigationalUseDialog?: Record<string, unknown>;
  /** OHIF's study prefetcher settings, e.g. `{ "enabled": true, "displaySetsCount": 2, "maxNumPrefetchRequests": 10, "order": "closest" }`. */
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
