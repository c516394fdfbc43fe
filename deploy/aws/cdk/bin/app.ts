import { App } from 'aws-cdk-lib';
import { addComplianceChecks } from '../lib/compliance/complianceChecks';
import { defineViewerStack } from '../lib/defineViewerStack';

// `cdk synth|deploy` entry point. Settings: cdk.json context "ohifHealthImaging", or -c settingsFile=<file.json>.
const app = new App();
defineViewerStack(app);
// Every synth is checked against the Control Tower proactive controls and the AWS Solutions rules; a finding not
// acknowledged in lib/compliance/controlExceptions.ts fails it.
addComplianceChecks(app);
