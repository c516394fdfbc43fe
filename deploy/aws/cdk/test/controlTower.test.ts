import { Duration } from 'aws-cdk-lib';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { addComplianceChecks, checkCompliance } from '../lib/compliance/complianceChecks';
import { controlExceptions } from '../lib/compliance/controlExceptions';
import { App } from 'aws-cdk-lib';
import { OhifHealthImagingStack } from '../lib/OhifHealthImagingStack';
import { parseDeploySettings } from '../lib/parseDeploySettings';
import { buildStack, cognitoSettings, featureFlags, hardenedSettings } from './buildStack';

const rules = (acknowledged: Array<{ rule: string }>) => [...new Set(acknowledged.map(entry => entry.rule))].sort();
const openFindings = (report: ReturnType<typeof checkCompliance>) =>
  report.controlTower.violations.flatMap(violation =>
    violation.violatingResources.map(resource => `${violation.ruleName} ${resource.resourceLogicalId}`),
  );

// The real cfn-guard binary with the Control Tower rules shipped in @cdklabs/cdk-validator-cfnguard, on the
// synthesized template (about 2 s per run).
describe('AWS Control Tower proactive controls', () => {
  it('the default deployment passes every control but the documented exceptions', () => {
    const { app, stack } = buildStack(cognitoSettings);
    const report = checkCompliance(app, stack);
    expect(report.controlTower.ruleCount).toBe(237);
    expect(openFindings(report)).toEqual([]);
    expect(rules(report.controlTower.acknowledged)).toEqual(
      [
        // A static viewer site: no origin failover, no VPC, no S3 event notifications, no object lock.
        'CT.CLOUDFRONT.PR.4',
        'CT.LAMBDA.PR.3',
        'CT.S3.PR.4',
        'CT.S3.PR.9',
        // Off by default settings: access logs, custom domain (TLS 1.2, SNI, own certificate), KMS keys, versioning.
        'CT.CLOUDFRONT.PR.5',
        'CT.CLOUDFRONT.PR.6',
        'CT.CLOUDFRONT.PR.7',
        'CT.CLOUDFRONT.PR.9',
        'CT.CLOUDWATCH.PR.3',
        'CT.S3.PR.10',
        'CT.S3.PR.11',
        'CT.S3.PR.2',
      ].sort(),
    );
    // Each acknowledged finding carries the reason written in controlExceptions.ts.
    for (const entry of report.controlTower.acknowledged) {
      expect(controlExceptions.map(exception => exception.reason)).toContain(entry.reason);
    }
  }, 60_000);

  it('with every optional control on, only the rules that do not fit the stack remain excepted', () => {
    const { app, stack } = buildStack(hardenedSettings);
    const report = checkCompliance(app, stack);
    expect(openFindings(report)).toEqual([]);
    expect(rules(report.controlTower.acknowledged)).toEqual([
      'CT.CLOUDFRONT.PR.4',
      'CT.LAMBDA.PR.3',
      'CT.S3.PR.10',
      'CT.S3.PR.11',
      'CT.S3.PR.2',
      'CT.S3.PR.4',
      'CT.S3.PR.9',
    ]);
    // S3 access logs and SSE-S3 are excepted on the access log buckets only; no versioning on those and on the
    // import bucket (staging copies of what HealthImaging stores).
    const excepted = (rule: string) =>
      new Set(
        report.controlTower.acknowledged
          .filter(entry => entry.rule === rule)
          .map(entry => entry.path.split('/').slice(0, 2).join('/')),
      );
    const logBuckets = ['Hosting/AccessLogs', 'ImportStorage/AccessLogs'];
    expect(excepted('CT.S3.PR.2')).toEqual(new Set(logBuckets));
    expect(excepted('CT.S3.PR.10')).toEqual(new Set(logBuckets));
    expect(excepted('CT.S3.PR.11')).toEqual(new Set([...logBuckets, 'ImportStorage/Bucket']));
    // cdk-nag finds nothing either with every option on.
    expect(report.nagViolations).toEqual([]);
  }, 60_000);

  it('refuses a change that breaks a control, naming rule and resource; exceptions do not cover new resources', () => {
    const { app, stack } = buildStack(cognitoSettings, scope => {
      new LogGroup(scope, 'DebugLogs', { retention: 7 });
      new Bucket(scope, 'Scratch', {
        encryption: BucketEncryption.S3_MANAGED,
        enforceSSL: true,
        lifecycleRules: [{ expiration: Duration.days(1) }],
      });
    });
    const report = checkCompliance(app, stack);
    const open = openFindings(report);
    expect(open).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CT\.CLOUDWATCH\.PR\.2 DebugLogs[A-F0-9]{8}$/)]),
    );
    // The viewer bucket's setting-dependent exceptions stay on the viewer bucket...
    expect(open).toEqual(
      expect.arrayContaining(
        ['CT.S3.PR.2', 'CT.S3.PR.10', 'CT.S3.PR.11'].map(rule =>
          expect.stringMatching(new RegExp(`^${rule.replace(/\./g, '\\.')} Scratch`)),
        ),
      ),
    );
    // ...while rules that never fit this stack (object lock, event notifications) cover every bucket.
    expect(open.filter(finding => /^CT\.S3\.PR\.(4|9) /.test(finding))).toEqual([]);
    // cdk-nag sees the new bucket too (no server access logs).
    expect(report.nagViolations.map(violation => violation.ruleName)).toContain('AwsSolutions-S1');
  }, 60_000);

  it('as a synth plugin (bin/app.ts), fails the synth of a non-compliant stack and passes the compliant one', () => {
    const synthWithChecks = (amend: (stack: OhifHealthImagingStack) => void) => {
      const settings = parseDeploySettings(cognitoSettings);
      // With cdk.json's feature flags, as `cdk synth` runs bin/app.ts.
      const app = new App({ context: featureFlags() });
      const stack = new OhifHealthImagingStack(app, settings.stackName, {
        settings,
        env: { account: settings.account, region: settings.region },
      });
      amend(stack);
      addComplianceChecks(app);
      try {
        app.synth();
        return undefined;
      } catch (error) {
        return error as Error;
      }
    };
    const broken = synthWithChecks(stack => new LogGroup(stack, 'DebugLogs', { retention: 7 }));
    expect(broken?.message).toMatch(
      /ERROR \[CT\.CLOUDWATCH\.PR\.2\]: Require an Amazon CloudWatch log group to be retained for at least one year \(control-tower\)\n.*\(DebugLogs[A-F0-9]{8}\)/,
    );
    expect(synthWithChecks(() => undefined)).toBeUndefined();
  }, 120_000);
});
