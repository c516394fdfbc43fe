import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OhifHealthImagingStack } from '../lib/OhifHealthImagingStack';
import { parseDeploySettings } from '../lib/parseDeploySettings';

export const testAccount = '123456789012';

/** Settings of a Cognito deployment as a user would write them (defaults for the rest). */
export const cognitoSettings = {
  region: 'eu-west-1',
  account: testAccount,
  identity: {
    provider: 'cognito',
    domainPrefix: 'clinic-viewer',
    extraCallbackUrls: ['http://localhost:3000/callback'],
    extraLogoutUrls: ['http://localhost:3000/'],
  },
};

/** Settings of a deployment signing in with an external OpenID Connect provider. */
export const oidcSettings = {
  region: 'us-east-1',
  account: testAccount,
  stackName: 'ViewerWithKeycloak',
  identity: {
    provider: 'oidc',
    issuer: 'https://sso.example-hospital.org/realms/imaging',
    jwksUri: 'https://sso.example-hospital.org/realms/imaging/protocol/openid-connect/certs',
    clientId: 'ohif-viewer',
    audiences: ['https://imaging.example-hospital.org/dicomweb'],
    extraConnectOrigins: ['https://tokens.example-hospital.org'],
  },
};

/** Builds the stack exactly as bin/app.ts does (without the nag plugin, which nag.test.ts applies). */
export function buildStack(input: unknown): { app: App; stack: OhifHealthImagingStack; template: Template } {
  const settings = parseDeploySettings(input);
  const app = new App();
  const stack = new OhifHealthImagingStack(app, settings.stackName, {
    settings,
    stackName: settings.stackName,
    env: { account: settings.account, region: settings.region },
  });
  return { app, stack, template: Template.fromStack(stack) };
}
