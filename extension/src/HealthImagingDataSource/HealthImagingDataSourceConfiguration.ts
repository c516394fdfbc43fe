import type { OidcSessionSettingsInput } from '../auth/OidcSessionSettings';
import type { RateLimit } from '../http/createRequestPacer';

/**
 * The `configuration` of an app-config `dataSources[]` entry whose namespace is
 * `ohif-extension-aws-healthimaging.dataSourcesModule.healthimaging`.
 */
export interface HealthImagingDataSourceConfiguration {
  /** Shown by OHIF where it names the data source. Default: `AWS HealthImaging`. */
  friendlyName: string;
  /** AWS region of the datastore, e.g. `us-east-1`. */
  region: string;
  /** HealthImaging datastore id: 32 lowercase letters and digits. */
  datastoreId: string;
  /**
   * Optional image set id (32 lowercase letters and digits). HealthImaging only reaches *primary* image sets
   * unless a request names one with `?imageSetId=`; when set, every request carries it.
   */
  imageSetId?: string;
  /**
   * Base URL of a HealthImaging-compatible DICOMweb service other than AWS's, without `/datastore/...`.
   * Default: `https://dicom-medical-imaging.<region>.amazonaws.com`.
   */
  endpoint?: string;
  /**
   * The client-side pace of the retrieve requests (metadata, instances, frames), so that the viewer stays within the
   * account's HealthImaging quota instead of being answered 429: `{ requestsPerSecond, burst }`, or `false` for no
   * pacing. Default `{ requestsPerSecond: 50, burst: 100 }` (HealthImaging's default quota). One pace for the viewer:
   * the first HealthImaging data source's value is used.
   */
  retrieveRateLimit: RateLimit | false;
  /** The OpenID Connect session: see `auth/OidcSessionSettings`. Validated there. */
  auth: unknown;
}

/**
 * The configuration as app-config gives it (what `validateConfiguration` accepts): the defaulted keys optional,
 * `auth` in the shape `resolveOidcSessionSettings` accepts. Renderers of app-config (platform-config) write this.
 */
export type HealthImagingDataSourceConfigurationInput = Partial<
  Pick<HealthImagingDataSourceConfiguration, 'friendlyName' | 'retrieveRateLimit'>
> &
  Omit<HealthImagingDataSourceConfiguration, 'friendlyName' | 'retrieveRateLimit' | 'auth'> & {
    auth: OidcSessionSettingsInput;
  };
