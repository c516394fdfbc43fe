import { parseDeploySettings } from './parseDeploySettings';
import { viewerAuthorizerSettings } from './viewerAuthorizerSettings';
import { oidcSettings } from '../test/buildStack';

const values = {
  cognitoIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Placeholder',
  cognitoClientIds: ['placeholderclientid'],
  readerRoleArn: 'arn:aws:iam::123456789012:role/Reader',
  importerRoleArn: 'arn:aws:iam::123456789012:role/Importer',
};

it("refuses the viewer's ID tokens by their audience, the viewer's client id", () => {
  expect(viewerAuthorizerSettings(parseDeploySettings(oidcSettings), values)).toMatchObject({
    viewerClientIds: ['ohif-viewer'],
  });
});

it('leaves that out when viewer and API share one client id (one Entra app registration)', () => {
  const appId = '6e74172b-be56-4843-9ff4-e66a39bb12e3';
  const shared = {
    ...oidcSettings,
    identity: { ...oidcSettings.identity, clientId: appId, audiences: [appId, `api://${appId}`] },
  };
  expect(viewerAuthorizerSettings(parseDeploySettings(shared), values)).toMatchObject({ viewerClientIds: [] });
});
