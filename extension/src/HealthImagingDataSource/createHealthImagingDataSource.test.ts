import { dataSourceNamespace } from '../id';
import type { ExtensionManagerLike, ServicesManagerLike } from '../ohifTypes';
import { createHealthImagingDataSource, stockDicomWebNamespace } from './createHealthImagingDataSource';
import { findHealthImagingDataSources } from './findHealthImagingDataSources';
import { recordInterceptedRoots } from './interceptedRoots';

const datastoreId = '0123456789abcdef0123456789abcdef';
const auth = { authority: 'https://idp.example.com', clientId: 'viewer' };
const configuration = { region: 'eu-west-1', datastoreId, auth };
const root = `https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/${datastoreId}`;
const servicesManager: ServicesManagerLike = { services: {} };

// OHIF's stock DICOMweb data source is inside the prebuilt viewer and cannot be imported here (the browser tests
// run the real one); this stand-in records the configuration it is handed.
function extensionManagerWithStockSource() {
  const created: unknown[] = [];
  const extensionManager: ExtensionManagerLike = {
    getModuleEntry: namespace =>
      namespace === stockDicomWebNamespace
        ? {
            name: 'dicomweb',
            type: 'webApi',
            createDataSource: (config: unknown) => (created.push(config), { getConfig: () => config }),
          }
        : undefined,
  };
  return { extensionManager, created };
}

describe('createHealthImagingDataSource', () => {
  it("configures OHIF's stock DICOMweb data source for HealthImaging", () => {
    const { extensionManager, created } = extensionManagerWithStockSource();
    recordInterceptedRoots(extensionManager, [root]);
    createHealthImagingDataSource(configuration, servicesManager, extensionManager);
    expect(created).toEqual([
      expect.objectContaining({
        friendlyName: 'AWS HealthImaging',
        qidoRoot: root,
        wadoRoot: root,
        wadoUriRoot: root,
        enableStudyLazyLoad: true,
        thumbnailRendering: 'wadors',
        imageRendering: 'wadors',
        qidoSupportsIncludeField: false,
        supportsFuzzyMatching: false,
        supportsWildcard: false,
        acceptHeader: ['multipart/related; type=image/jphc; transfer-syntax=1.2.840.10008.1.2.4.202'],
      }),
    ]);
  });

  it('refuses a root whose requests would go out without a token', () => {
    const { extensionManager } = extensionManagerWithStockSource();
    recordInterceptedRoots(extensionManager, ['http://127.0.0.1:5002/datastore/' + datastoreId]);
    expect(() => createHealthImagingDataSource(configuration, servicesManager, extensionManager)).toThrow(
      `must be listed in app-config dataSources when the viewer starts (its requests to ${root} would carry no token)`,
    );
  });

  it("says so when OHIF's default extension is missing", () => {
    const extensionManager: ExtensionManagerLike = { getModuleEntry: () => undefined };
    recordInterceptedRoots(extensionManager, [root]);
    expect(() => createHealthImagingDataSource(configuration, servicesManager, extensionManager)).toThrow(
      "builds on OHIF's DICOMweb data source (@ohif/extension-default.dataSourcesModule.dicomweb)",
    );
  });

  it('reports a configuration mistake by key', () => {
    const { extensionManager } = extensionManagerWithStockSource();
    expect(() =>
      createHealthImagingDataSource({ ...configuration, region: 'Ireland' }, servicesManager, extensionManager),
    ).toThrow('configuration.region must be an AWS region such as us-east-1; got "Ireland"');
  });
});

describe('findHealthImagingDataSources', () => {
  it('finds our entries among the app-config data sources, with their place for messages', () => {
    const entries = findHealthImagingDataSources({
      dataSources: [
        { namespace: '@ohif/extension-default.dataSourcesModule.dicomweb', sourceName: 'pacs', configuration: {} },
        { namespace: dataSourceNamespace, sourceName: 'healthimaging', configuration },
      ],
    });
    expect(entries.map(({ sourceName, path }) => ({ sourceName, path }))).toEqual([
      { sourceName: 'healthimaging', path: 'dataSources[1].configuration' },
    ]);
  });

  it.each([
    ['dataSources that is not an array', { dataSources: {} }, 'dataSources must be an array'],
    [
      'a missing sourceName',
      { dataSources: [{ namespace: dataSourceNamespace, configuration }] },
      'dataSources[0].sourceName must be a non-empty string',
    ],
    [
      'a wrong key inside',
      {
        dataSources: [
          { namespace: dataSourceNamespace, sourceName: 'h', configuration: { ...configuration, datastoreId: 'x' } },
        ],
      },
      'dataSources[0].configuration.datastoreId must be',
    ],
    [
      'two sources with different sign-ins',
      {
        dataSources: [
          { namespace: dataSourceNamespace, sourceName: 'a', configuration },
          {
            namespace: dataSourceNamespace,
            sourceName: 'b',
            configuration: { ...configuration, auth: { ...auth, clientId: 'other' } },
          },
        ],
      },
      'dataSources[1].configuration.auth must be the same as dataSources[0].configuration.auth',
    ],
  ])('rejects %s', (_case, appConfig, message) => {
    expect(() => findHealthImagingDataSources(appConfig)).toThrow(message);
  });
});
