import { renderAppConfig } from '../src/renderAppConfig';
import { validateAppConfigValues } from '../src/validateAppConfigValues';
import { localAppConfigValues } from './local';
import { compiledInPlugins } from './pluginBundleUrls';
import { TargetInputsError } from './TargetInputsError';

const pluginUrls = { extension: '/plugins/extension.0123456789abcdef.js', mode: '/plugins/mode.fedcba9876543210.js' };

describe('localAppConfigValues', () => {
  it('points the viewer at the local provider and endpoint on loopback', () => {
    const values = localAppConfigValues({
      oidcPort: 5001,
      dicomwebPort: 5002,
      datastoreId: 'ffffffffffffffffffffffffffffffff',
      pluginUrls,
    });
    expect(values).toEqual({
      target: 'local',
      extensionUrl: pluginUrls.extension,
      modeUrl: pluginUrls.mode,
      routerBasename: '/',
      dataSource: {
        friendlyName: 'Local HealthImaging',
        region: 'us-east-1',
        datastoreId: 'ffffffffffffffffffffffffffffffff',
        endpoint: 'http://127.0.0.1:5002',
        auth: {
          provider: 'oidc',
          authority: 'http://127.0.0.1:5001',
          clientId: 'ohif-viewer',
          scope: 'openid profile user/ImagingStudy.read',
        },
      },
    });
    expect(() => renderAppConfig(values)).not.toThrow();
  });

  it('leaves the plugin URLs out for a viewer with our plugins compiled in (an OHIF checkout build)', () => {
    const values = localAppConfigValues({
      oidcPort: 5001,
      dicomwebPort: 5002,
      datastoreId: 'ffffffffffffffffffffffffffffffff',
      pluginUrls: compiledInPlugins,
    });
    expect(values).not.toHaveProperty('extensionUrl');
    expect(values).not.toHaveProperty('modeUrl');
    expect(renderAppConfig(values)).toContain('"extensions": [],');
  });

  it('names a bad port and missing plugin URLs', () => {
    expect(() => localAppConfigValues({ oidcPort: 0, dicomwebPort: 5002, datastoreId: 'x', pluginUrls })).toThrow(
      new TargetInputsError('oidcPort', 'must be the port the service listens on (1-65535), got 0'),
    );
    expect(() =>
      localAppConfigValues({ oidcPort: 5001, dicomwebPort: 5002, datastoreId: 'x', pluginUrls: {} as never }),
    ).toThrow('pluginUrls must have the extension and mode URLs (ViewerManifest.pluginUrls), or be "compiled-in"');
  });

  it('leaves value checks to validateAppConfigValues', () => {
    const values = localAppConfigValues({ oidcPort: 5001, dicomwebPort: 5002, datastoreId: 'not-an-id', pluginUrls });
    expect(() => validateAppConfigValues(values)).toThrow(
      'dataSource.datastoreId must be a HealthImaging datastore id',
    );
  });
});
