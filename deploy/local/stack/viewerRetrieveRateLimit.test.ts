import { createContext, runInContext } from 'node:vm';
import { validateConfiguration } from 'ohif-extension-aws-healthimaging/settings';
import { localAppConfigValues, renderAppConfig } from 'ohif-healthimaging-platform-config';
import { parseLocalStackSettings } from './parseLocalStackSettings';
import { viewerRetrieveRateLimit } from './viewerRetrieveRateLimit';

/** `npm start` flags → the rendered app-config → what the data source reads when the viewer starts. */
function paceTheViewerReads(argv: string[]) {
  const settings = parseLocalStackSettings(argv, {}, '/repository');
  const appConfigJs = renderAppConfig(
    localAppConfigValues({
      oidcPort: 5001,
      dicomwebPort: 5002,
      datastoreId: settings.datastoreId,
      pluginUrls: { extension: '/plugins/extension.js', mode: '/plugins/mode.js' },
      retrieveRateLimit: viewerRetrieveRateLimit(settings.throttle),
    }),
  );
  const context = createContext({ window: {} });
  runInContext(appConfigJs, context);
  const [entry] = (context.window as { config: { dataSources: Array<{ configuration: unknown }> } }).config.dataSources;
  return validateConfiguration(entry?.configuration, 'dataSources[0].configuration').retrieveRateLimit;
}

describe('viewerRetrieveRateLimit', () => {
  it('paces the viewer at the quota the local endpoint enforces', () => {
    expect(paceTheViewerReads(['--throttle-rate', '200', '--throttle-burst', '400'])).toEqual({
      requestsPerSecond: 200,
      burst: 400,
    });
    expect(paceTheViewerReads(['--throttle-rate', '20'])).toEqual({ requestsPerSecond: 20, burst: 40 });
  });

  it("leaves the extension's default without a throttle", () => {
    expect(viewerRetrieveRateLimit(false)).toBeUndefined();
    expect(paceTheViewerReads(['--no-throttle'])).toEqual({ requestsPerSecond: 50, burst: 100 });
  });
});
