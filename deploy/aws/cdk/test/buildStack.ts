import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    developmentCallbackUrls: ['http://localhost:3000/callback'],
    developmentLogoutUrls: ['http://localhost:3000/'],
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

/** An OIDC deployment in us-east-1 with every optional control turned on (no setting-dependent exception applies). */
export const hardenedSettings = {
  ...oidcSettings,
  stackName: 'HardenedViewer',
  logsKmsKeyArn: `arn:aws:kms:us-east-1:${testAccount}:key/1111aaaa-12ab-34cd-56ef-1234567890ab`,
  hosting: {
    accessLogging: true,
    versioning: true,
    kmsKeyArn: `arn:aws:kms:us-east-1:${testAccount}:key/2222bbbb-12ab-34cd-56ef-1234567890ab`,
    customDomain: {
      domainName: 'viewer.example-hospital.org',
      certificateArn: `arn:aws:acm:us-east-1:${testAccount}:certificate/0a1b2c3d`,
    },
    webAcl: {},
  },
  imports: {
    accessLogging: true,
    kmsKeyArn: `arn:aws:kms:us-east-1:${testAccount}:key/3333cccc-12ab-34cd-56ef-1234567890ab`,
  },
};

/** cdk.json's feature flags, which `cdk synth` applies (without its example settings). */
export function featureFlags(): Record<string, unknown> {
  const { ohifHealthImaging: _settings, ...flags } = (
    JSON.parse(readFileSync(join(__dirname, '../cdk.json'), 'utf8')) as { context: Record<string, unknown> }
  ).context;
  return flags;
}

/**
 * Builds the stack as bin/app.ts does, with cdk.json's feature flags and without the compliance plugins (tests run
 * the checks); `amend` changes it before synth.
 */
export function buildStack(
  input: unknown,
  amend: (stack: OhifHealthImagingStack) => void = () => undefined,
): { app: App; stack: OhifHealthImagingStack; template: Template } {
  const settings = parseDeploySettings(input);
  const app = new App({ context: featureFlags() });
  const stack = new OhifHealthImagingStack(app, settings.stackName, {
    settings,
    stackName: settings.stackName,
    env: { account: settings.account, region: settings.region },
  });
  amend(stack);
  return { app, stack, template: Template.fromStack(stack) };
}

/** Turns Fn::Join/Ref/GetAtt values into plain strings, with a readable stand-in for every deploy-time value. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  if ('Ref' in node) return `{${String(node.Ref)}}`;
  if ('Fn::GetAtt' in node) return `{${(node['Fn::GetAtt'] as string[]).join('.')}}`;
  throw new Error(`cannot flatten ${JSON.stringify(value)}`);
}
