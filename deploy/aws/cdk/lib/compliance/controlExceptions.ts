import type { DeploySettings } from '../DeploySettings';

/**
 * A control the stack knowingly does not meet, and why. Every exception of the stack to the AWS Control Tower
 * proactive controls (checked with cfn-guard) and to the cdk-nag AwsSolutions rules that does not depend on one
 * specific IAM statement is listed here, and nowhere else. (IAM findings about one statement, such as the `*`
 * CreateDatastore needs, are acknowledged beside that statement, where the reason can be checked against the code.)
 */
export interface ControlException {
  /** `CT.S3.PR.9` (Control Tower) or `AwsSolutions-CFR1` (cdk-nag). */
  rule: string;
  /** CloudFormation type of the resources it covers. */
  resourceType: string;
  /**
   * Construct paths below the stack (`Hosting/Files`) the exception is limited to; a resource is covered when
   * its path starts with one of them. Default: every resource of the type (for rules that never fit this stack).
   */
  under?: string[];
  /** Only with these settings (a control the settings turned off); the reason names the setting that lifts it. */
  when?: (settings: DeploySettings) => boolean;
  reason: string;
}

const noCustomDomain = (settings: DeploySettings) => settings.hosting.customDomain === undefined;
const noAccessLogs = (settings: DeploySettings) => !settings.hosting.accessLogging;
const viewerFiles = ['Hosting/Files'];
const importFiles = ['ImportStorage/Bucket'];
/** The access log buckets: the viewer's (CloudFront and S3 logs) and the import bucket's. */
const accessLogBucket = ['Hosting/AccessLogs', 'ImportStorage/AccessLogs'];
const customDomainReason =
  'The default *.cloudfront.net certificate is used: CloudFront then allows TLSv1 and no custom security policy or SNI can be set. Set hosting.customDomain (domain name + ACM certificate in us-east-1) for TLSv1.2_2021';

export const controlExceptions: readonly ControlException[] = [
  // --- Rules that do not fit a static viewer site ---
  {
    rule: 'CT.CLOUDFRONT.PR.4',
    resourceType: 'AWS::CloudFront::Distribution',
    reason:
      'No origin failover: the only origin is the viewer bucket in this region; a second origin would need a replicated bucket for files that are rebuilt from source anyway',
  },
  {
    rule: 'CT.LAMBDA.PR.3',
    resourceType: 'AWS::Lambda::Function',
    reason:
      "No VPC: the functions reach only AWS APIs and the identity provider's public JWKS; a VPC would add NAT gateways (cost, a cold-start penalty against HealthImaging's 1 s budget) and protect nothing",
  },
  {
    rule: 'CT.S3.PR.4',
    resourceType: 'AWS::S3::Bucket',
    reason:
      'No S3 event notifications: nothing reacts to objects written to the viewer, import or log buckets (import jobs are started by the import command)',
  },
  {
    rule: 'CT.S3.PR.9',
    resourceType: 'AWS::S3::Bucket',
    reason:
      'No Object Lock: every publish replaces the viewer files and deletes stale ones, import files are staging copies the hospital deletes once imported, and access logs expire by a lifecycle rule; write-once retention would block all three',
  },
  {
    rule: 'AwsSolutions-CFR1',
    resourceType: 'AWS::CloudFront::Distribution',
    reason: 'No geo restriction: who may see images is decided by sign-in and the authorizer, not by country',
  },
  // --- The access log bucket ---
  {
    rule: 'CT.S3.PR.2',
    resourceType: 'AWS::S3::Bucket',
    under: accessLogBucket,
    reason: 'This is the access log bucket; logging its own access would recurse',
  },
  {
    rule: 'AwsSolutions-S1',
    resourceType: 'AWS::S3::Bucket',
    under: accessLogBucket,
    reason: 'This is the access log bucket; logging its own access would recurse',
  },
  {
    rule: 'CT.S3.PR.10',
    resourceType: 'AWS::S3::Bucket',
    under: accessLogBucket,
    reason: 'S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS',
  },
  {
    rule: 'CT.S3.PR.11',
    resourceType: 'AWS::S3::Bucket',
    under: accessLogBucket,
    reason: 'Log objects are written once and expire after 365 days; versions would only keep deleted logs longer',
  },
  // --- Controls turned off by a setting ---
  ...(['CT.CLOUDFRONT.PR.6', 'CT.CLOUDFRONT.PR.7', 'CT.CLOUDFRONT.PR.9', 'AwsSolutions-CFR4'] as const).map(rule => ({
    rule,
    resourceType: 'AWS::CloudFront::Distribution',
    when: noCustomDomain,
    reason: customDomainReason,
  })),
  {
    rule: 'CT.CLOUDFRONT.PR.5',
    resourceType: 'AWS::CloudFront::Distribution',
    when: noAccessLogs,
    reason:
      'CloudFront access logs are off by hosting.accessLogging (default false: the distribution serves only the viewer build; image access is logged by the authorizer)',
  },
  {
    rule: 'AwsSolutions-CFR3',
    resourceType: 'AWS::CloudFront::Distribution',
    when: noAccessLogs,
    reason: 'CloudFront access logs are off by hosting.accessLogging',
  },
  {
    rule: 'CT.S3.PR.2',
    resourceType: 'AWS::S3::Bucket',
    under: viewerFiles,
    when: noAccessLogs,
    reason:
      'S3 access logs are off by hosting.accessLogging (the bucket holds only the viewer build, read by CloudFront alone)',
  },
  {
    rule: 'AwsSolutions-S1',
    resourceType: 'AWS::S3::Bucket',
    under: viewerFiles,
    when: noAccessLogs,
    reason: 'S3 access logs are off by hosting.accessLogging',
  },
  {
    rule: 'AwsSolutions-CFR2',
    resourceType: 'AWS::CloudFront::Distribution',
    when: settings => settings.hosting.webAcl === undefined,
    reason:
      'No WAF web ACL (hosting.webAcl not set): the distribution serves only static files; every data request goes to HealthImaging with a verified token',
  },
  {
    rule: 'CT.S3.PR.10',
    resourceType: 'AWS::S3::Bucket',
    under: viewerFiles,
    when: settings => settings.hosting.kmsKeyArn === undefined,
    reason:
      'The viewer files are encrypted with S3-managed keys (SSE-S3); set hosting.kmsKeyArn for a customer-managed KMS key',
  },
  {
    rule: 'CT.S3.PR.11',
    resourceType: 'AWS::S3::Bucket',
    under: viewerFiles,
    when: settings => !settings.hosting.versioning,
    reason:
      'No versioning (hosting.versioning false): the viewer files are rebuilt from source and republished on every deploy',
  },
  {
    rule: 'CT.S3.PR.10',
    resourceType: 'AWS::S3::Bucket',
    under: importFiles,
    when: settings => settings.imports.kmsKeyArn === undefined,
    reason:
      'The import files are encrypted with S3-managed keys (SSE-S3); set imports.kmsKeyArn for a customer-managed KMS key',
  },
  {
    rule: 'CT.S3.PR.11',
    resourceType: 'AWS::S3::Bucket',
    under: importFiles,
    reason:
      'No versioning on the import bucket: its files are staging copies of what HealthImaging stores; versions would keep patient data the hospital deleted after the import',
  },
  {
    rule: 'CT.S3.PR.2',
    resourceType: 'AWS::S3::Bucket',
    under: importFiles,
    when: settings => !settings.imports.accessLogging,
    reason: 'S3 access logs of the import bucket are off by imports.accessLogging',
  },
  {
    rule: 'AwsSolutions-S1',
    resourceType: 'AWS::S3::Bucket',
    under: importFiles,
    when: settings => !settings.imports.accessLogging,
    reason: 'S3 access logs of the import bucket are off by imports.accessLogging',
  },
  {
    rule: 'CT.CLOUDWATCH.PR.3',
    resourceType: 'AWS::Logs::LogGroup',
    when: settings => settings.logsKmsKeyArn === undefined,
    reason:
      'Log groups are encrypted by CloudWatch Logs with its own keys; set logsKmsKeyArn for a customer-managed KMS key',
  },
  {
    rule: 'CT.CLOUDWATCH.PR.2',
    resourceType: 'AWS::Logs::LogGroup',
    under: ['Authorizer'],
    when: settings => settings.authorizer.logRetentionDays < 365,
    reason: 'The authorizer decision log is kept less than a year by authorizer.logRetentionDays (default 365)',
  },
  {
    rule: 'AwsSolutions-COG2',
    resourceType: 'AWS::Cognito::UserPool',
    when: settings => settings.identity.provider === 'cognito' && settings.identity.mfa !== 'required',
    reason: 'MFA is not required by identity.mfa; set it to "required" (the default) to enforce it for every user',
  },
  {
    rule: 'AwsSolutions-COG8',
    resourceType: 'AWS::Cognito::UserPool',
    when: settings => settings.identity.provider === 'cognito' && settings.identity.featurePlan !== 'plus',
    reason: 'identity.featurePlan is "essentials" by choice (cost); "plus" adds threat protection',
  },
];
