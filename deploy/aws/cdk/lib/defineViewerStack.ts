import type { App } from 'aws-cdk-lib';
import { loadDeploySettings } from './loadDeploySettings';
import { OhifHealthImagingStack } from './OhifHealthImagingStack';

/** The app's one stack, from the settings in the app's context (cdk.json, or -c settingsFile=<file.json>). */
export function defineViewerStack(app: App): OhifHealthImagingStack {
  const settings = loadDeploySettings(key => app.node.tryGetContext(key));
  return new OhifHealthImagingStack(app, settings.stackName, {
    settings,
    stackName: settings.stackName,
    env: { account: settings.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
    description: 'OHIF viewer for AWS HealthImaging with OpenID Connect sign-in and a Lambda authorizer',
  });
}
