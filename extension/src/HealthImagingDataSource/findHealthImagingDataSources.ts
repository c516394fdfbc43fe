import { dataSourceNamespace } from '../id';
import type { AppConfigLike, DataSourceDefinition } from '../ohifTypes';
import { HealthImagingConfigurationError } from './HealthImagingConfigurationError';
import type { HealthImagingDataSourceConfiguration } from './HealthImagingDataSourceConfiguration';
import { validateConfiguration } from './validateConfiguration';

export interface HealthImagingDataSourceEntry {
  sourceName: string;
  /** Where its configuration sits in app-config, for messages: `dataSources[0].configuration`. */
  path: string;
  configuration: HealthImagingDataSourceConfiguration;
}

/**
 * The app-config `dataSources[]` entries that use our data source, each checked. They share one OpenID Connect
 * session (one sign-in for the viewer), so their `auth` blocks must be the same.
 */
export function findHealthImagingDataSources(appConfig: AppConfigLike): HealthImagingDataSourceEntry[] {
  const definitions = appConfig.dataSources ?? [];
  if (!Array.isArray(definitions)) {
    throw new HealthImagingConfigurationError('dataSources', 'must be an array of data source definitions');
  }
  const entries: HealthImagingDataSourceEntry[] = [];
  (definitions as DataSourceDefinition[]).forEach((definition, index) => {
    if (definition?.namespace !== dataSourceNamespace) {
      return;
    }
    if (typeof definition.sourceName !== 'string' || definition.sourceName === '') {
      throw new HealthImagingConfigurationError(
        `dataSources[${index}].sourceName`,
        'must be a non-empty string: the name OHIF selects the data source by',
      );
    }
    const path = `dataSources[${index}].configuration`;
    entries.push({
      sourceName: definition.sourceName,
      path,
      configuration: validateConfiguration(definition.configuration, path),
    });
  });
  const [first, ...others] = entries;
  for (const other of others) {
    if (JSON.stringify(other.configuration.auth) !== JSON.stringify(first?.configuration.auth)) {
      throw new HealthImagingConfigurationError(
        `${other.path}.auth`,
        `must be the same as ${first?.path}.auth: all HealthImaging data sources share one sign-in`,
      );
    }
  }
  return entries;
}
