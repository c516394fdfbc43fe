import { AwsSolutionsChecks } from 'cdk-nag';
import { buildStack, cognitoSettings, oidcSettings } from './buildStack';

// The AWS Solutions rule pack must find nothing: every deliberate exception is acknowledged with a reason, from
// lib/compliance/controlExceptions.ts (or beside an IAM statement). Each variant exercises other resources or
// exceptions (controlTower.test.ts checks the variant with every option on).
describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['Cognito, defaults', cognitoSettings],
    [
      'Cognito, MFA optional, essentials plan, access logs, KMS, concurrency',
      {
        ...cognitoSettings,
        datastoreKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        identity: { ...cognitoSettings.identity, mfa: 'optional', featurePlan: 'essentials' },
        authorizer: { reservedConcurrency: 10, provisionedConcurrency: 1 },
        hosting: { accessLogging: true, versioning: true },
      },
    ],
    ['external OIDC provider', oidcSettings],
    [
      'imports into your own KMS-encrypted bucket',
      {
        ...oidcSettings,
        imports: {
          bucketName: 'hospital-archive',
          inputPrefix: 'pacs-export/',
          kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      },
    ],
  ])('reports no unacknowledged error or warning: %s', (_name, settings) => {
    const { app, stack } = buildStack(settings);
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    const findings = report.violations.flatMap(violation =>
      violation.violatingResources.map(
        resource => `${violation.ruleName} at ${resource.resourceLogicalId}: ${violation.description.slice(0, 100)}`,
      ),
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });
});
