import { stockDicomWebConfiguration } from 'ohif-extension-aws-healthimaging/stockDicomWebConfiguration';
import { id as modeId } from 'ohif-mode-aws-healthimaging/id';

/**
 * The settings of OHIF 3.13.2's own `app-config.js` that concern loading (its file in the prebuilt `dist/`), kept
 * as they are so that "stock" means what an OHIF deployment gets out of the box.
 */
const stockSettings = {
  routerBasename: '/',
  showStudyList: true,
  maxNumberOfWebWorkers: 3,
  showLoadingIndicator: true,
  strictZSpacingForVolumeViewport: true,
  maxNumRequests: { interaction: 100, thumbnail: 5, prefetch: 25 },
};

/** The same console trace our app-config leaves: OHIF throws without a handler. */
const httpErrorHandler = `window.config.httpErrorHandler = function (error) { console.warn('Request failed:', (error && (error.status || error.message)) || error); };`;

/**
 * Stock OHIF in front of HealthImaging, as AWS's sample configures it: no plugins, OHIF's own DICOMweb data source
 * with lazy study load, `wadors` rendering and thumbnails, and no includefield, fuzzy matching or wildcards.
 * The bearer token is not OHIF's business here: the benchmark's browser adds it to every request.
 */
export function stockAppConfig(datastoreUrl: string): string {
  const config = {
    name: 'bench: stock OHIF',
    ...stockSettings,
    extensions: [],
    modes: [],
    defaultDataSourceName: 'dicomweb',
    dataSources: [
      {
        namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
        sourceName: 'dicomweb',
        configuration: {
          friendlyName: 'AWS HealthImaging (stock data source)',
          name: 'aws',
          wadoUriRoot: datastoreUrl,
          qidoRoot: datastoreUrl,
          wadoRoot: datastoreUrl,
          qidoSupportsIncludeField: false,
          imageRendering: 'wadors',
          thumbnailRendering: 'wadors',
          enableStudyLazyLoad: true,
          supportsFuzzyMatching: false,
          supportsWildcard: false,
          singlepart: 'bulkdata,video',
          bulkDataURI: { enabled: true },
          omitQuotationForMultipartRequest: true,
        },
      },
    ],
  };
  return `window.config = ${JSON.stringify(config, null, 2)};\n${httpErrorHandler}\n`;
}

/**
 * Our mode and exactly the configuration our data source hands OHIF's DICOMweb data source (the extension's
 * `stockDicomWebConfiguration`), but without the extension: no session, no bearer token, no retries. With the
 * endpoint's `skipAuthorization` knob this is "our data source with authorization switched off".
 */
export function withoutAuthAppConfig(datastoreUrl: string, modeUrl: string): string {
  const config = {
    name: 'bench: our mode and data source configuration, no authorization',
    ...stockSettings,
    // Our viewer's app-config sets no limits either: the mode sets its own when it is entered.
    maxNumRequests: undefined,
    extensions: [],
    modes: [modeUrl],
    defaultDataSourceName: 'healthimaging',
    dataSources: [
      {
        namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
        sourceName: 'healthimaging',
        configuration: stockDicomWebConfiguration(
          'healthimaging',
          'Local HealthImaging (no authorization)',
          datastoreUrl,
        ),
      },
    ],
  };
  return `window.config = ${JSON.stringify(config, null, 2)};\n${httpErrorHandler}\n`;
}

/**
 * Our rendered app-config with the mode's request limits overridden (`modesConfiguration`, which the mode reads and
 * platform-config does not render): the same viewer, one number changed.
 */
export function withModeRequestLimits(appConfigJs: string, requestLimits: Record<string, number>): string {
  const modesConfiguration = { [modeId]: { requestLimits } };
  return `${appConfigJs}window.config.modesConfiguration = ${JSON.stringify(modesConfiguration)};\n`;
}

/**
 * Our rendered app-config with the extension's client pacing off (`retrieveRateLimit: false`): requests leave as
 * fast as the request pool lets them, as from the no-auth viewer, so an auth overhead measured between the two is
 * not the pacer's.
 */
export function withoutClientPacing(appConfigJs: string): string {
  return `${appConfigJs}window.config.dataSources[0].configuration.retrieveRateLimit = false;\n`;
}
