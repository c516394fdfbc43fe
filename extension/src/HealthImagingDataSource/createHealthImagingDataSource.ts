import { dicomWebRoot } from 'ohif-healthimaging-contract';
import { stockDicomWebConfiguration } from '../healthimaging/stockDicomWebConfiguration';
import { dataSourceName, id } from '../id';
import type {
  DataSourceInstance,
  DataSourceModuleEntry,
  ExtensionManagerLike,
  ServicesManagerLike,
} from '../ohifTypes';
import { HealthImagingConfigurationError } from './HealthImagingConfigurationError';
import { isInterceptedRoot } from './interceptedRoots';
import { validateConfiguration } from './validateConfiguration';

/** OHIF's own DICOMweb data source, which ours configures rather than re-implementing DICOMweb. */
export const stockDicomWebNamespace = '@ohif/extension-default.dataSourcesModule.dicomweb';

/**
 * OHIF calls this for each app-config data source with our namespace. It derives the DICOMweb root from region,
 * datastore and endpoint and hands OHIF's stock DICOMweb data source the configuration HealthImaging needs. The
 * bearer token, refreshes and retries are not here: they live below, in the HTTP layer the extension installed
 * at start-up for this root, so that they also cover the image loader's requests and OHIF's metadata cache never
 * sees a failure that a retry would have fixed.
 */
export function createHealthImagingDataSource(
  configuration: unknown,
  servicesManager: ServicesManagerLike,
  extensionManager: ExtensionManagerLike,
): DataSourceInstance {
  const checked = validateConfiguration(configuration);
  const root = dicomWebRoot(checked.region, checked.datastoreId, checked.endpoint);
  if (!isInterceptedRoot(extensionManager, root)) {
    throw new HealthImagingConfigurationError(
      'configuration',
      `of a ${id} data source must be listed in app-config dataSources when the viewer starts (its requests to ${root} would carry no token)`,
    );
  }
  const stock = extensionManager.getModuleEntry(stockDicomWebNamespace) as DataSourceModuleEntry | undefined;
  if (typeof stock?.createDataSource !== 'function') {
    throw new Error(
      `${id} builds on OHIF's DICOMweb data source (${stockDicomWebNamespace}); register @ohif/extension-default before it`,
    );
  }
  return stock.createDataSource(
    stockDicomWebConfiguration(dataSourceName, checked.friendlyName, root),
    servicesManager,
    extensionManager,
  );
}
