import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { checkAppCompliance } from '../cdk/lib/compliance/checkAppCompliance';
import type { ComplianceReport } from '../cdk/lib/compliance/complianceChecks';
import { parseDeployArguments, type DeployCommand } from './parseDeployArguments';
import { startLocalS3, type LocalS3 } from './publish/testing/startLocalS3';
import type { CommandRunner } from './runCommand';
import { runDeploy, type DeployDependencies } from './runDeploy';

// S3 is real (s3rver on loopback). CloudFormation and CloudFront are AWS control-plane APIs with no local
// equivalent: they are stubbed here (recording what was sent), and the cdk CLI is replaced by an injected runner.
// The compliance check is real: the CDK app synthesized with cdk.json's settings and checked once (cfn-guard and
// cdk-nag), its report handed to every deploy below.
const datastoreId = '0123456789abcdef0123456789abcdef';
const outputs = {
  Region: 'eu-west-1',
  DatastoreId: datastoreId,
  DicomWebUrl: `https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/${datastoreId}`,
  Authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI',
  ClientId: '4tq2example0client0id00000',
  CognitoDomain: 'https://ohif-example.auth.eu-west-1.amazoncognito.com',
  ViewerUrl: 'https://d111111abcdef8.cloudfront.net/',
  BucketName: 'viewer',
  DistributionId: 'E2EXAMPLE',
  AuthorizerFunctionName: 'authorizer',
  ReaderRoleArn: 'arn:aws:iam::123456789012:role/reader',
  ImporterRoleArn: 'arn:aws:iam::123456789012:role/importer',
};

let s3: LocalS3;
let repoRoot: string;
let commands: Array<{ command: string; args: string[]; cwd: string }>;
let awsCalls: string[];
let invalidations: string[][];
let describeStacks: () => unknown;
let compliance: ComplianceReport & { stackName: string };
let complianceChecks: Array<string | undefined>;

beforeAll(() => {
  compliance = checkAppCompliance();
}, 120_000);

async function write(path: string, content: string) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

beforeEach(async () => {
  s3 = await startLocalS3('viewer');
  repoRoot = await mkdtemp(join(tmpdir(), 'deploy-test-'));
  await write(
    join(repoRoot, 'extension/runtime/ohif-extension-aws-healthimaging.js'),
    'export default { id: "ohif-extension-aws-healthimaging" };',
  );
  await write(join(repoRoot, 'mode/runtime/ohif-mode-aws-healthimaging.js'), 'export default { id: "mode" };');
  await write(
    join(repoRoot, 'ohif-dist/index.html'),
    '<!doctype html><script src="/app.bundle.0f6159c501addfe9.js"></script>',
  );
  await write(join(repoRoot, 'ohif-dist/app-config.js'), 'window.config = {};');
  await write(join(repoRoot, 'ohif-dist/app.bundle.0f6159c501addfe9.js'), 'app');
  commands = [];
  complianceChecks = [];
  awsCalls = [];
  invalidations = [];
  describeStacks = () => ({
    Stacks: [{ Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })) }],
  });
});
afterEach(async () => {
  await s3.close();
  await rm(repoRoot, { recursive: true, force: true });
});

/** Stands in for the cdk CLI: records the call and writes the outputs file as `cdk deploy --outputs-file` does. */
const fakeCdk: CommandRunner = async (command, args, options) => {
  commands.push({ command, args, cwd: options.cwd });
  const outputsFile = args[args.indexOf('--outputs-file') + 1]!;
  await write(outputsFile, JSON.stringify({ OhifHealthImaging: outputs }));
};

function deps(log: string[] = []): DeployDependencies {
  return {
    repoRoot,
    runCommand: fakeCdk,
    checkCompliance: settingsFile => {
      complianceChecks.push(settingsFile);
      return compliance;
    },
    cloudFormation: () => ({
      send: (async () => {
        awsCalls.push('cloudformation');
        return describeStacks();
      }) as never,
    }),
    s3: () => s3.s3Client,
    cloudFront: () => ({
      send: (async (command: { input: { InvalidationBatch: { Paths: { Items: string[] } } } }) => {
        awsCalls.push('cloudfront');
        invalidations.push(command.input.InvalidationBatch.Paths.Items);
        return {};
      }) as never,
    }),
    fetchOhifApp: async () => join(repoRoot, 'ohif-dist'),
    log: line => log.push(line),
    progressStream: new PassThrough(),
    env: {},
  };
}

const command = (argv: string[]) => parseDeployArguments(argv) as DeployCommand;
const bucketKeys = async () =>
  ((await s3.s3Client.send(new ListObjectsV2Command({ Bucket: 'viewer' }))).Contents ?? [])
    .map(object => object.Key)
    .sort();

test('a full deploy runs cdk deploy, builds the app-config from the outputs, publishes and invalidates unhashed paths', async () => {
  const report = await runDeploy(command(['--require-approval', 'never']), deps());
  expect(commands).toEqual([
    {
      command: join(repoRoot, 'node_modules/.bin/cdk'),
      args: [
        'deploy',
        'OhifHealthImaging',
        '--require-approval',
        'never',
        '--outputs-file',
        join(repoRoot, '.cache/deploy/stack-outputs.json'),
      ],
      cwd: join(repoRoot, 'deploy/aws/cdk'),
    },
  ]);
  const keys = await bucketKeys();
  expect(keys).toEqual(expect.arrayContaining(['index.html', 'app-config.js', 'app.bundle.0f6159c501addfe9.js']));
  expect(keys.filter(key => key?.startsWith('plugins/'))).toHaveLength(2);
  const appConfig = await (
    await s3.s3Client.send(new GetObjectCommand({ Bucket: 'viewer', Key: 'app-config.js' }))
  ).Body!.transformToString();
  expect(appConfig).toContain(datastoreId);
  expect(appConfig).toContain(outputs.ClientId);
  expect(invalidations).toEqual([['/', '/app-config.js', '/index.html']]);
  expect(report.plan.uploads).toHaveLength(keys.length);
});

test('publishing the same viewer again (--skip-infra) uploads nothing and invalidates nothing', async () => {
  await runDeploy(command([]), deps());
  invalidations = [];
  const log: string[] = [];
  const report = await runDeploy(command(['--skip-infra', '--region', 'eu-west-1']), deps(log));
  expect(commands).toHaveLength(1);
  expect(report.plan.uploads).toEqual([]);
  expect(invalidations).toEqual([]);
  expect(log).toContain('[5/5] CloudFront invalidation of E2EXAMPLE: nothing to invalidate');
});

test('a dry run calls no AWS API, runs no cdk and writes nothing, but prints the plan', async () => {
  const log: string[] = [];
  const report = await runDeploy(command(['--dry-run']), deps(log));
  expect(commands).toEqual([]);
  expect(awsCalls).toEqual([]);
  expect(await bucketKeys()).toEqual([]);
  expect(report.invalidationPaths).toEqual(['/', '/app-config.js', '/index.html']);
  expect(log.join('\n')).toMatch(
    /Infrastructure \(dry run, not run\): .*cdk deploy OhifHealthImaging --require-approval broadening/,
  );
  // The plan shows the compliance results with each exception's reason.
  expect(complianceChecks).toEqual([undefined]);
  expect(log).toContain(
    '      Control Tower proactive controls (cfn-guard, 237 rules): 0 violation(s), 12 rule(s) excepted',
  );
  expect(log).toContainEqual(expect.stringMatching(/^ {8}~ CT\.S3\.PR\.9 Hosting\/Files\/Resource: No Object Lock/));
  expect(log).toContainEqual(expect.stringMatching(/^ {6}cdk-nag AwsSolutions: 0 finding\(s\), \d+ acknowledged$/));
  expect(log).toContainEqual(
    expect.stringMatching(/^ {8}~ AwsSolutions-CFR1 Hosting\/Distribution\/Resource: No geo restriction/),
  );
  expect(log.join('\n')).toContain('+ index.html (new');
  expect(log.join('\n')).toContain('(dry run: not sent)');
});

test('a plan breaking a control with no exception is refused, naming rule and resource, before anything runs', async () => {
  const nonCompliant = checkAppCompliance({ amend: stack => new LogGroup(stack, 'DebugLogs', { retention: 7 }) });
  for (const argv of [['--dry-run'], []]) {
    const log: string[] = [];
    const refused = runDeploy(command(argv), { ...deps(log), checkCompliance: () => nonCompliant });
    await expect(refused).rejects.toMatchObject({ name: 'DeployStepError', step: 'compliance' });
    await expect(refused).rejects.toThrow(
      /breaks 1 control\(s\) with no exception.*\n {2}CT\.CLOUDWATCH\.PR\.2 at DebugLogs[A-F0-9]{8}: \[CT\.CLOUDWATCH\.PR\.2\]: Require an Amazon CloudWatch log group to be retained for at least one year\n.*controlExceptions\.ts/s,
    );
    expect(log).toContainEqual(expect.stringMatching(/^ {8}✗ CT\.CLOUDWATCH\.PR\.2 at DebugLogs/));
  }
  expect(commands).toEqual([]);
  expect(awsCalls).toEqual([]);
  expect(await bucketKeys()).toEqual([]);
}, 120_000);

test('a stack name that differs from the settings is refused', async () => {
  await expect(runDeploy(command(['--dry-run', '--stack-name', 'Other']), deps())).rejects.toThrow(
    'The settings name the stack OhifHealthImaging, but --stack-name is Other: make them match',
  );
});

test('unbuilt runtime bundles stop the deploy before cdk runs, saying to run npm run build', async () => {
  await rm(join(repoRoot, 'mode/runtime'), { recursive: true });
  await expect(runDeploy(command([]), deps())).rejects.toThrow(
    /mode\/runtime\/ohif-mode-aws-healthimaging.js missing\): run npm run build first/,
  );
  expect(commands).toEqual([]);
});

test('--skip-infra names a missing stack, a missing output, and missing credentials clearly', async () => {
  describeStacks = () => {
    throw Object.assign(new Error('Stack with id OhifHealthImaging does not exist'), { name: 'ValidationError' });
  };
  await expect(runDeploy(command(['--skip-infra', '--region', 'eu-west-1']), deps())).rejects.toThrow(
    'Stack OhifHealthImaging does not exist in this account and region: run npm run deploy without --skip-infra first',
  );
  describeStacks = () => ({ Stacks: [{ Outputs: [{ OutputKey: 'Region', OutputValue: 'eu-west-1' }] }] });
  await expect(runDeploy(command(['--skip-infra', '--region', 'eu-west-1']), deps())).rejects.toThrow(
    /lacks the output\(s\) DatastoreId, DicomWebUrl/,
  );
  describeStacks = () => {
    throw Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
  };
  await expect(runDeploy(command(['--skip-infra', '--region', 'eu-west-1']), deps())).rejects.toThrow(
    /^No AWS credentials: configure them/,
  );
  expect(await bucketKeys()).toEqual([]);
});

test('deploy arguments are checked', () => {
  expect(parseDeployArguments(['--help'])).toBe('help');
  expect(command(['--ohif-checkout', '../Viewers'])).toMatchObject({ ohifCheckout: '../Viewers', dryRun: false });
  expect(() => parseDeployArguments(['--require-approval', 'sometimes'])).toThrow(
    '--require-approval must be one of never, any-change, broadening, got "sometimes"',
  );
  expect(() => parseDeployArguments(['--region', 'mars'])).toThrow('--region must be an AWS region');
  expect(() => parseDeployArguments(['--skip-infra', '--settings-file', 'x.json'])).toThrow(
    '--settings-file has no effect with --skip-infra',
  );
  expect(() => parseDeployArguments(['--bucket', 'x'])).toThrow("Unknown option '--bucket'");
});
