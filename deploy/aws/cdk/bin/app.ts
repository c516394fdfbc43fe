import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadDeploySettings } from '../lib/loadDeploySettings';
import { OhifHealthImagingStack } from '../lib/OhifHealthImagingStack';

// `cdk synth|deploy` entry point. Settings: cdk.json context "ohifHealthImaging", or -c settingsFile=<file.json>.
const app = new App();
const settings = loadDeploySettings(key => app.node.tryGetContext(key));
new OhifHealthImagingStack(app, settings.stackName, {
  settings,
  stackName: settings.stackName,
  env: { account: settings.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
  description: 'OHIF viewer for AWS HealthImaging with OpenID Connect sign-in and a Lambda authorizer',
});
// Every synth is checked against the AWS Solutions rules; an unsuppressed finding fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
