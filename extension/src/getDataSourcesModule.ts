import { createHealthImagingDataSource } from './HealthImagingDataSource/createHealthImagingDataSource';
import { dataSourceName } from './id';
import type { DataSourceModuleEntry } from './ohifTypes';

/** The `healthimaging` data source: namespace `ohif-extension-aws-healthimaging.dataSourcesModule.healthimaging`. */
export function getDataSourcesModule(): DataSourceModuleEntry[] {
  return [{ name: dataSourceName, type: 'webApi', createDataSource: createHealthImagingDataSource }];
}
