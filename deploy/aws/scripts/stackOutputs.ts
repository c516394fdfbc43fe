import { readFile } from 'node:fs/promises';
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DeployStepError } from './errors';

/** The stack outputs the publish step needs besides those the app-config is built from. */
export const publishOutputNames = ['BucketName', 'DistributionId'] as const;
/** Outputs every deployed stack has (CognitoDomain only with Cognito). */
export const requiredOutputNames = [
  'Region',
  'DatastoreId',
  'DicomWebUrl',
  'Authority',
  'ClientId',
  'ViewerUrl',
  ...publishOutputNames,
] as const;

export type StackOutputs = Record<string, string>;

/** Reads the outputs `cdk deploy --outputs-file` wrote: `{ "<stackName>": { "<OutputKey>": "<value>" } }`. */
export async function readCdkOutputsFile(path: string, stackName: string): Promise<StackOutputs> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new DeployStepError(
      'outputs',
      `cdk deploy did not write its outputs file ${path} (${error.code ?? error.message})`,
    );
  });
  const all = JSON.parse(text) as Record<string, StackOutputs | undefined>;
  const outputs = all[stackName];
  if (!outputs) {
    throw new DeployStepError(
      'outputs',
      `${path} has no outputs for stack ${stackName} (it has: ${Object.keys(all).join(', ') || 'none'}); check --stack-name`,
    );
  }
  return outputs;
}

/** Reads a deployed stack's outputs with CloudFormation DescribeStacks; a missing stack says to deploy it first. */
export async function describeStackOutputs(
  cloudFormation: Pick<CloudFormationClient, 'send'>,
  stackName: string,
): Promise<StackOutputs> {
  const response = await cloudFormation
    .send(new DescribeStacksCommand({ StackName: stackName }))
    .catch((error: unknown) => {
      throw awsCallError('outputs', error, stackName);
    });
  const stack = response.Stacks?.[0];
  if (!stack)
    throw new DeployStepError(
      'outputs',
      `Stack ${stackName} does not exist: run npm run deploy without --skip-infra first`,
    );
  return Object.fromEntries(
    (stack.Outputs ?? []).flatMap(output =>
      output.OutputKey && output.OutputValue !== undefined ? [[output.OutputKey, output.OutputValue]] : [],
    ),
  );
}

/** Checks that every output the deploy needs is present and non-empty. */
export function assertStackOutputs(outputs: StackOutputs, stackName: string): void {
  const missing = requiredOutputNames.filter(name => typeof outputs[name] !== 'string' || outputs[name] === '');
  if (missing.length > 0) {
    throw new DeployStepError(
      'outputs',
      `Stack ${stackName} lacks the output(s) ${missing.join(', ')}: it was deployed by another version of this project; run npm run deploy without --skip-infra`,
    );
  }
}

/** Turns an AWS SDK failure into a DeployStepError that says what to do (credentials, missing stack...). */
export function awsCallError(step: DeployStepError['step'], error: unknown, stackName: string): DeployStepError {
  const name = (error as { name?: string }).name ?? '';
  const message = (error as Error).message ?? String(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(message)) {
    return new DeployStepError(
      step,
      'No AWS credentials: configure them (aws configure, aws sso login, or AWS_PROFILE / AWS_ACCESS_KEY_ID) and try again',
      { cause: error },
    );
  }
  if (/does not exist/.test(message)) {
    return new DeployStepError(
      step,
      `Stack ${stackName} does not exist in this account and region: run npm run deploy without --skip-infra first, or check --stack-name / --region`,
      { cause: error },
    );
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException') {
    return new DeployStepError(step, 'The AWS credentials have expired: sign in again (aws sso login) and retry', {
      cause: error,
    });
  }
  return new DeployStepError(step, `AWS call failed: ${name ? `${name}: ` : ''}${message}`, { cause: error });
}
