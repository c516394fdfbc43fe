import type { IdpProfileName } from '../oidc/idpProfiles';

/** What `npm start` runs, on loopback. Every value has a default; flags and environment variables override them. */
export interface LocalStackSettings {
  /** Port of the viewer. Flag `--viewer-port`, env `VIEWER_PORT`. Default 3000. */
  viewerPort: number;
  /** Port of the OpenID Connect provider. Flag `--oidc-port`, env `OIDC_PORT`. Default 5001. */
  oidcPort: number;
  /**
   * Port of the HealthImaging-compatible DICOMweb endpoint.
   * Flag `--dicomweb-port`, env `DICOMWEB_PORT`. Default 5002.
   */
  dicomwebPort: number;
  /**
   * Ports of the S3-compatible server and the HealthImaging import-job emulation (`npm run import -- --via s3`).
   * Flags `--s3-port`, `--import-jobs-port`, env `S3_PORT`, `IMPORT_JOBS_PORT`. Default 0: free ports, printed by
   * `npm start`.
   */
  s3Port?: number;
  importJobsPort?: number;
  /**
   * Folder for the stored studies, the provider's signing keys and sessions, and the assembled viewer.
   * Flag `--data-dir`, env `LOCAL_DATA_DIR`. Default `.data/local` in the repository.
   */
  dataDir: string;
  /** Access token lifetime in seconds. Flag `--access-token-ttl`, env `ACCESS_TOKEN_TTL`. Default 300 (5 minutes). */
  accessTokenTtlSeconds: number;
  /** The local datastore's id (HealthImaging's format: 32 lowercase letters and digits). */
  datastoreId: string;
  /** HealthImaging's retrieve throttle: requests per second and burst. Flag `--no-throttle` turns it off. */
  throttle: { ratePerSecond: number; burst: number } | false;
  /**
   * Seconds a DICOMweb request (head and body) may take to arrive; a slower one answers 408 and its connection is
   * closed. Flag `--request-timeout`, env `REQUEST_TIMEOUT`. Default 300 (raise it for large uploads over slow links).
   */
  requestTimeoutSeconds: number;
  /** Folder of DICOM files to import at start, besides the sample data. Flag `--import`. */
  importDir?: string;
  /** Serve the test-control routes (`/__local/stats`, `/__local/knobs`). Flag `--test-control`. Off by default. */
  testControl: boolean;
  /**
   * Origins of further viewers, e.g. an OHIF dev server on another port: the provider accepts their `/callback` and
   * `/` redirects and the endpoint allows them (CORS). Flag `--extra-viewer-origin` (repeatable), env
   * `EXTRA_VIEWER_ORIGINS` (comma-separated). Default none.
   */
  extraViewerOrigins: string[];
  /**
   * The identity provider the local provider stands in for (`oidc`, `entra-id`, `entra-id-v1`, `okta`, `keycloak`,
   * `auth0`): its issuer form, token shape and discovery, with the authorizer and the viewer configured as
   * deploy/aws's README says for it. Flag `--idp-profile`, env `IDP_PROFILE`. Default `oidc`.
   */
  idpProfile: IdpProfileName;
  /**
   * Scopes the viewer asks for instead of the profile's, e.g. `openid profile` to see Entra's Graph-token trap.
   * Flag `--viewer-scope`. Default: the profile's.
   */
  viewerScope?: string;
  /** Print one JSON line with the URLs when ready, instead of the human summary. Flag `--json`. */
  json: boolean;
}

export const loopbackHost = '127.0.0.1';
export const localRegion = 'us-east-1';
