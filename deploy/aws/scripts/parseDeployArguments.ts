import { parseArgs } from 'node:util';
import { DeployArgumentError } from './errors';

/** What `npm run deploy` was asked to do, checked. */
export interface DeployCommand {
  /** Print what would be deployed, uploaded, deleted and invalidated; call no AWS API and write nothing there. */
  dryRun: boolean;
  /** Do not run `cdk deploy`: read the deployed stack's outputs and publish the viewer only. */
  skipInfra: boolean;
  /** `cdk deploy --require-approval`: `never`, `any-change` or `broadening` (CDK's default). */
  requireApproval: 'never' | 'any-change' | 'broadening';
  /** CloudFormation stack name; must match the settings' `stackName`. Default `OhifHealthImaging`. */
  stackName: string;
  /**
   * Region of the stack, for `--skip-infra` (read with CloudFormation). Default: AWS_REGION, AWS_DEFAULT_REGION, then
   * cdk.json.
   */
  region?: string;
  /** Deploy settings file handed to the CDK app (`-c settingsFile=<file>`). Default: cdk.json's context. */
  settingsFile?: string;
  /** Build the viewer from this OHIF checkout (3.12 with yarn 1, 3.13 with pnpm) instead of the prebuilt @ohif/app. */
  ohifCheckout?: string;
  /** The checkout's build script. Default: its own (`build:viewer` in 3.13's platform/app, `build` in 3.12). */
  ohifBuildScript?: string;
}

export const deployUsage = `Usage: npm run deploy -- [options]

Deploys the AWS stack (cdk deploy), builds the viewer with an app-config from the stack outputs, publishes it to
the stack's S3 bucket and invalidates the changed unhashed paths on CloudFront.

Options:
  --dry-run                     print what would be deployed, uploaded, deleted and invalidated; call no AWS API
  --skip-infra                  skip cdk deploy; publish the viewer to the already deployed stack
  --require-approval <level>    cdk deploy approval: never | any-change | broadening (default broadening)
  --stack-name <name>           CloudFormation stack name (default OhifHealthImaging)
  --region <region>             stack region for --skip-infra (default AWS_REGION, AWS_DEFAULT_REGION, cdk.json)
  --settings-file <file.json>   deploy settings for the CDK app (default: cdk.json context "ohifHealthImaging")
  --ohif-checkout <dir>         build the viewer from an OHIF checkout (3.12 yarn 1, 3.13 pnpm; see npm run
                                ohif-checkout -- --help) instead of the prebuilt viewer
  --ohif-build-script <name>    the checkout's build script (default: its own, build:viewer in 3.13, build in 3.12)
  --help                        show this help`;

const approvals = ['never', 'any-change', 'broadening'] as const;

/** Parses the command line (without node and the script). Throws DeployArgumentError. */
export function parseDeployArguments(argv: string[]): DeployCommand | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'skip-infra': { type: 'boolean', default: false },
        'require-approval': { type: 'string', default: 'broadening' },
        'stack-name': { type: 'string', default: 'OhifHealthImaging' },
        region: { type: 'string' },
        'settings-file': { type: 'string' },
        'ohif-checkout': { type: 'string' },
        'ohif-build-script': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new DeployArgumentError(
      'arguments:',
      `${(error as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`,
    );
  }
  if (values.help) return 'help';
  const requireApproval = values['require-approval'] as string;
  if (!(approvals as readonly string[]).includes(requireApproval)) {
    throw new DeployArgumentError(
      '--require-approval',
      `must be one of ${approvals.join(', ')}, got ${JSON.stringify(requireApproval)}`,
    );
  }
  const stackName = values['stack-name'] as string;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new DeployArgumentError(
      '--stack-name',
      `must be a CloudFormation stack name (letters, digits, hyphens; starts with a letter), got ${JSON.stringify(stackName)}`,
    );
  }
  const region = values.region as string | undefined;
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new DeployArgumentError('--region', `must be an AWS region such as eu-west-1, got ${JSON.stringify(region)}`);
  }
  for (const key of ['settings-file', 'ohif-checkout', 'ohif-build-script'] as const) {
    if (values[key] === '') throw new DeployArgumentError(`--${key}`, 'must not be empty');
  }
  if (values['settings-file'] !== undefined && values['skip-infra']) {
    throw new DeployArgumentError(
      '--settings-file',
      'has no effect with --skip-infra (no cdk deploy runs); leave one out',
    );
  }
  const command: DeployCommand = {
    dryRun: values['dry-run'] === true,
    skipInfra: values['skip-infra'] === true,
    requireApproval: requireApproval as DeployCommand['requireApproval'],
    stackName,
  };
  if (region !== undefined) command.region = region;
  if (values['settings-file'] !== undefined) command.settingsFile = values['settings-file'] as string;
  if (values['ohif-checkout'] !== undefined) command.ohifCheckout = values['ohif-checkout'] as string;
  if (values['ohif-build-script'] !== undefined) command.ohifBuildScript = values['ohif-build-script'] as string;
  return command;
}
