import { createContext, runInContext } from 'node:vm';
import { validateConfiguration } from 'ohif-extension-aws-healthimaging/settings';
import { renderAppConfig } from '../src/renderAppConfig';
import { awsAppConfigValues } from './aws';

const pluginUrls = { extension: '/plugins/extension.0123456789abcdef.js', mode: '/plugins/mode.fedcba9876543210.js' };
const datastoreId = '0123456789abcdef0123456789abcdef';
const cognitoOutputs = {
  Region: 'eu-west-1',
  DatastoreId: datastoreId,
  DicomWebUrl: `https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/${datastoreId}`,
  Authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123',
  ClientId: '4abc5def6ghi7jkl8mno9pqr0s',
  CognitoDomain: 'https://my-viewer.auth.eu-west-1.amazoncognito.com',
  ViewerUrl: 'https://d111111abcdef8.cloudfront.net/',
  OtherOutput: 'ignored',
};

describe('awsAppConfigValues', () => {
  it("builds Cognito values from the stack outputs, with AWS's own endpoint left to the default", () => {
    const values = awsAppConfigValues({ outputs: cognitoOutputs, pluginUrls });
    expect(values.dataSource).toEqual({
      friendlyName: 'AWS HealthImaging',
      region: 'eu-west-1',
      datastoreId,
      auth: {
        provider: 'cognito',
        authority: cognitoOutputs.Authority,
        clientId: cognitoOutputs.ClientId,
        redirectUri: 'https://d111111abcdef8.cloudfront.net/callback',
        postLogoutRedirectUri: 'https://d111111abcdef8.cloudfront.net/',
        cognitoDomain: cognitoOutputs.CognitoDomain,
      },
    });
    const context = createContext({ window: {} });
    runInContext(renderAppConfig(values), context);
    expect((context.window as { config: { extensions: string[] } }).config.extensions).toEqual([pluginUrls.extension]);
  });

  it('uses a generic OpenID Connect provider when there is no CognitoDomain output', () => {
    const { CognitoDomain: _unused, ...outputs } = cognitoOutputs;
    const values = awsAppConfigValues({
      outputs: { ...outputs, Authority: 'https://login.example.com/realms/imaging' },
      pluginUrls,
      scope: 'openid profile offline_access',
      callbackPath: '/signed-in',
    });
    expect(values.dataSource.auth).toEqual({
      provider: 'oidc',
      authority: 'https://login.example.com/realms/imaging',
      clientId: cognitoOutputs.ClientId,
      scope: 'openid profile offline_access',
      redirectUri: 'https://d111111abcdef8.cloudfront.net/signed-in',
      postLogoutRedirectUri: 'https://d111111abcdef8.cloudfront.net/',
    });
    expect(() => renderAppConfig(values)).not.toThrow();
  });

  it("turns a DICOMweb host other than AWS's into the endpoint", () => {
    const values = awsAppConfigValues({
      outputs: { ...cognitoOutputs, DicomWebUrl: `https://dicom.example.com/hi/datastore/${datastoreId}` },
      pluginUrls,
    });
    expect(values.dataSource.endpoint).toBe('https://dicom.example.com/hi');
  });

  it("renders the stack's retrieve pace as the data source reads it", () => {
    const values = awsAppConfigValues({
      outputs: { ...cognitoOutputs, RetrieveRateLimit: '{"requestsPerSecond":200,"burst":400}' },
      pluginUrls,
    });
    const context = createContext({ window: {} });
    runInContext(renderAppConfig(values), context);
    const [entry] = (context.window as { config: { dataSources: Array<{ configuration: unknown }> } }).config
      .dataSources;
    expect(validateConfiguration(entry?.configuration).retrieveRateLimit).toEqual({
      requestsPerSecond: 200,
      burst: 400,
    });
    expect(() => awsAppConfigValues({ outputs: { ...cognitoOutputs, RetrieveRateLimit: '{' }, pluginUrls })).toThrow(
      'outputs.RetrieveRateLimit must be JSON',
    );
  });

  it('names a missing output and inconsistent outputs', () => {
    const { ClientId: _unused, ...withoutClientId } = cognitoOutputs;
    expect(() => awsAppConfigValues({ outputs: withoutClientId, pluginUrls })).toThrow(
      'outputs.ClientId is missing: it is an output of the deployed stack (npm run deploy prints them); check the stack name and region',
    );
    expect(() =>
      awsAppConfigValues({
        outputs: { ...cognitoOutputs, DicomWebUrl: 'https://dicom-medical-imaging.eu-west-1.amazonaws.com' },
        pluginUrls,
      }),
    ).toThrow('outputs.DicomWebUrl must be https://<host>/datastore/<datastoreId>');
    expect(() =>
      awsAppConfigValues({
        outputs: { ...cognitoOutputs, DatastoreId: 'ffffffffffffffffffffffffffffffff' },
        pluginUrls,
      }),
    ).toThrow(
      `outputs.DicomWebUrl names datastore ${datastoreId} but DatastoreId is ffffffffffffffffffffffffffffffff; the outputs come from different stacks`,
    );
  });
});
