import { createContext, runInContext } from 'node:vm';
import {
  dataSourceNamespace as extensionDataSourceNamespace,
  validateConfiguration,
} from 'ohif-extension-aws-healthimaging/settings';
import type { AppConfigValues } from './AppConfigValues';
import { AppConfigValuesError } from './AppConfigValuesError';
import { dataSourceNamespace, renderAppConfig } from './renderAppConfig';

/** Runs the rendered app-config.js as the browser would, and returns window.config. */
function evaluate(appConfigJs: string): Record<string, unknown> & { httpErrorHandler: (error: unknown) => void } {
  const warnings: unknown[][] = [];
  const context = createContext({
    window: {},
    console: { warn: (...args: unknown[]) => warnings.push(args) },
    warnings,
  });
  runInContext(appConfigJs, context);
  return (context.window as { config: never }).config;
}

const cognitoValues: AppConfigValues = {
  target: 'aws',
  extensionUrl: '/plugins/extension.0123456789abcdef.js',
  modeUrl: '/plugins/mode.fedcba9876543210.js',
  dataSource: {
    region: 'eu-west-1',
    datastoreId: '0123456789abcdef0123456789abcdef',
    auth: {
      provider: 'cognito',
      authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
      clientId: '4abc5def6ghi7jkl8mno9pqr0s',
      cognitoDomain: 'https://my-viewer.auth.eu-west-1.amazoncognito.com',
      redirectUri: 'https://viewer.example.com/callback',
    },
  },
};

describe('renderAppConfig', () => {
  it('renders valid JavaScript setting window.config for our extension, mode and data source', () => {
    const config = evaluate(renderAppConfig(cognitoValues));
    expect(JSON.parse(JSON.stringify(config))).toEqual({
      name: 'ohif-aws-healthimaging (aws)',
      routerBasename: '/',
      extensions: ['/plugins/extension.0123456789abcdef.js'],
      modes: ['/plugins/mode.fedcba9876543210.js'],
      showStudyList: true,
      maxNumberOfWebWorkers: 3,
      showLoadingIndicator: true,
      strictZSpacingForVolumeViewport: true,
      defaultDataSourceName: 'healthimaging',
      dataSources: [
        {
          namespace: 'ohif-extension-aws-healthimaging.dataSourcesModule.healthimaging',
          sourceName: 'healthimaging',
          configuration: {
            friendlyName: 'AWS HealthImaging',
            region: 'eu-west-1',
            datastoreId: '0123456789abcdef0123456789abcdef',
            auth: cognitoValues.dataSource.auth,
          },
        },
      ],
    });
  });

  it("never sets OHIF's own oidc key (our extension owns the session)", () => {
    const config = evaluate(renderAppConfig(cognitoValues));
    expect('oidc' in config).toBe(false);
    expect(renderAppConfig(cognitoValues)).not.toMatch(/\boidc\s*:/);
  });

  it('uses the namespace our extension registers', () => {
    expect(dataSourceNamespace).toBe(extensionDataSourceNamespace);
  });

  it('gives OHIF an httpErrorHandler that only warns', () => {
    const context = createContext({ window: {}, warnings: [] as unknown[][] });
    context.console = { warn: (...args: unknown[]) => (context.warnings as unknown[][]).push(args) };
    runInContext(renderAppConfig(cognitoValues), context);
    const config = (context.window as { config: { httpErrorHandler: (error: unknown) => void } }).config;
    config.httpErrorHandler({ status: 403 });
    expect(context.warnings).toEqual([['Request failed:', 403]]);
  });

  it('passes optional values and allowed extras through; leaves maxNumRequests out unless given', () => {
    expect('maxNumRequests' in evaluate(renderAppConfig(cognitoValues))).toBe(false);
    const config = evaluate(
      renderAppConfig({
        ...cognitoValues,
        target: 'local',
        dataSource: {
          friendlyName: 'Local',
          region: 'us-east-1',
          datastoreId: 'ffffffffffffffffffffffffffffffff',
          imageSetId: '11111111111111111111111111111111',
          endpoint: 'http://127.0.0.1:5002',
          auth: {
            provider: 'oidc',
            authority: 'http://127.0.0.1:5001',
            clientId: 'ohif-viewer',
            scope: 'openid profile',
          },
        },
        maxNumRequests: { interaction: 10, thumbnail: 4, prefetch: 6 },
        extra: { maxNumberOfWebWorkers: 2, investigationalUseDialog: { option: 'never' } },
      }),
    );
    expect(config.maxNumRequests).toEqual({ interaction: 10, thumbnail: 4, prefetch: 6 });
    expect(config.maxNumberOfWebWorkers).toBe(2);
    expect(config.investigationalUseDialog).toEqual({ option: 'never' });
    expect((config.dataSources as Array<{ configuration: unknown }>)[0]?.configuration).toEqual({
      friendlyName: 'Local',
      region: 'us-east-1',
      datastoreId: 'ffffffffffffffffffffffffffffffff',
      imageSetId: '11111111111111111111111111111111',
      endpoint: 'http://127.0.0.1:5002',
      auth: { provider: 'oidc', authority: 'http://127.0.0.1:5001', clientId: 'ohif-viewer', scope: 'openid profile' },
    });
  });

  it('renders retrieveRateLimit as the data source reads it', () => {
    const raised = { requestsPerSecond: 200, burst: 400 };
    const config = evaluate(
      renderAppConfig({ ...cognitoValues, dataSource: { ...cognitoValues.dataSource, retrieveRateLimit: raised } }),
    );
    const [entry] = config.dataSources as Array<{ configuration: unknown }>;
    expect(validateConfiguration(entry?.configuration, 'dataSources[0].configuration').retrieveRateLimit).toEqual(
      raised,
    );
  });

  it('keeps strings that look like code inert', () => {
    const config = evaluate(
      renderAppConfig({
        ...cognitoValues,
        dataSource: { ...cognitoValues.dataSource, friendlyName: '"}; alert(1); //\u2028</script>' },
      }),
    );
    expect(
      (config.dataSources as Array<{ configuration: { friendlyName: string } }>)[0]?.configuration.friendlyName,
    ).toBe('"}; alert(1); //\u2028</script>');
  });

  it('validates before rendering', () => {
    expect(() => renderAppConfig({ ...cognitoValues, modeUrl: 'mode' })).toThrow(AppConfigValuesError);
  });

  it('lists no plugin URL for a viewer with both compiled in (an OHIF checkout build), and refuses only one URL', () => {
    const { extensionUrl: _extensionUrl, modeUrl: _modeUrl, ...compiledIn } = cognitoValues;
    const config = evaluate(renderAppConfig(compiledIn));
    expect(config.extensions).toEqual([]);
    expect(config.modes).toEqual([]);
    expect(config.defaultDataSourceName).toBe('healthimaging');
    const { modeUrl: _onlyMode, ...extensionOnly } = cognitoValues;
    expect(() => renderAppConfig(extensionOnly)).toThrow('modeUrl must be the URL of a .js bundle');
  });
});
