// `npm run deploy`: deploy the AWS stack and publish the viewer (see --help and README.md).
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { checkAppCompliance } from '../cdk/lib/compliance/checkAppCompliance';
import { DeploySettingsError } from '../cdk/lib/DeploySettingsError';
import { fetchOhifApp } from '../../viewer/fetchOhifApp';
import { repoRoot } from '../../viewer/repoRoot';
import { DeployArgumentError, DeployStepError, OhifCheckoutError } from './errors';
import { deployUsage, parseDeployArguments } from './parseDeployArguments';
import { runCommand } from './runCommand';
import { runDeploy } from './runDeploy';

async function main(): Promise<number> {
  let command;
  try {
    command = parseDeployArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DeployArgumentError)) throw error;
    console.error(`deploy: ${error.message}\n\n${deployUsage}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${deployUsage}\n`);
    return 0;
  }
  try {
    await runDeploy(command, {
      repoRoot: repoRoot(),
      runCommand,
      cloudFormation: region => new CloudFormationClient({ region }),
      // Buffers are uploaded; WHEN_REQUIRED also keeps S3-compatible servers from storing checksum framing.
      s3: region => new S3Client({ region, requestChecksumCalculation: 'WHEN_REQUIRED' }),
      cloudFront: () => new CloudFrontClient({ region: 'us-east-1' }),
      checkCompliance: settingsFile => checkAppCompliance(settingsFile === undefined ? {} : { settingsFile }),
      fetchOhifApp: () => fetchOhifApp(),
      log: line => console.info(line),
      progressStream: process.stderr,
      env: process.env,
    });
    return 0;
  } catch (error) {
    if (
      error instanceof DeployStepError ||
      error instanceof OhifCheckoutError ||
      error instanceof DeploySettingsError
    ) {
      console.error(`deploy: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  code => process.exit(code),
  error => {
    console.error('deploy failed:', error);
    process.exit(1);
  },
);
