/**
 * The `configuration` of an app-config `dataSources[]` entry whose namespace is
 * `ohif-extension-aws-healthimaging.dataSourcesModule.healthimaging`.
 */
export interface HealthImagingDataSourceConfiguration {
  /** Shown by OHIF where it names the data source. Default: `AWS HealthImaging`. */
  friendlyName: string;
  /** AWS region of the datastore, e.g. `us-east-1`. */
  region: string;
  /** HealthImaging datastore id: 32 lowercase hex characters. */
  datastoreId: string;
  /**
   * Optional image set id (32 lowercase hex characters). HealthImaging only reaches *primary* image sets
   * unless a request names one with `?imageSetId=`; when set, every request carries it.
   */
  imageSetId?: string;
  /**
   * Base URL of a HealthImaging-compatible DICOMweb service other than AWS's, without `/datastore/...`.
   * Default: `https://dicom-medical-imaging.<region>.amazonaws.com`.
   */
  endpoint?: string;
  /** The OpenID Connect session: see `auth/OidcSessionSettings`. Validated there. */
  auth: unknown;
}
