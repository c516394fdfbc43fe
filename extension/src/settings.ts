/**
 * The extension's app-config contract, for code that writes app-config (platform-config) rather than runs in the
 * viewer: the validators the viewer runs at start-up, their input types, and the data source namespace. Nothing
 * here touches the browser or OHIF.
 */
export {
  assertRetrieveRateLimit,
  defaultFriendlyName,
  validateConfiguration,
} from './HealthImagingDataSource/validateConfiguration';
export { defaultRetrieveQuota } from 'ohif-healthimaging-contract';
export type {
  HealthImagingDataSourceConfiguration,
  HealthImagingDataSourceConfigurationInput,
} from './HealthImagingDataSource/HealthImagingDataSourceConfiguration';
export { HealthImagingConfigurationError } from './HealthImagingDataSource/HealthImagingConfigurationError';
export {
  resolveOidcSessionSettings,
  type IdentityProviderKind,
  type OidcSessionSettings,
  type OidcSessionSettingsInput,
  type TokenStorage,
} from './auth/OidcSessionSettings';
export { OidcSessionSettingsError } from './auth/errors';
export type { RateLimit } from './http/createRequestPacer';
export { dataSourceName, dataSourceNamespace, id } from './id';
