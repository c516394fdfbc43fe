import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreateInvalidationCommand, type CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { awsAppConfigValues, compiledInPlugins, renderAppConfig } from 'ohif-healthimaging-platform-config';
import type { ComplianceReport } from '../cdk/lib/compliance/complianceChecks';
import { assembleViewer, type ViewerManifest } from '../../viewer/assembleViewer';
import { formatBytes, ProgressBar, type ProgressBarOptions } from '../../import/ProgressBar';
import { assertCompliant, describeCompliance } from './complianceVerdict';
import { DeployStepError } from './errors';
import {
  buildOhifCheckout,
  checkoutAppConfigFile,
  prepareOhifCheckout,
  recogniseOhifCheckout,
  viewerCommands,
} from '../../ohif-checkout';
import type { DeployCommand } from './parseDeployArguments';
import {
  executePublish,
  invalidationPaths,
  listRemoteObjects,
  planPublish,
  type PublishPlan,
  type RemoteObject,
} from './publish';
import { readCommandOutput, type CommandRunner, type OutputReader } from './runCommand';
import {
  assertStackOutputs,
  awsCallError,
  describeStackOutputs,
  readCdkOutputsFile,
  type StackOutputs,
} from './stackOutputs';

/** Everything the deploy reaches outside itself; `deploy.ts` passes the real ones, tests pass local or stub ones. */
export interface DeployDependencies {
  repoRoot: string;
  runCommand: CommandRunner;
  /** Reads a program's output (`yarn --version` before OHIF 3.12's CLI runs). Default: runs it. */
  readCommandOutput?: OutputReader;
  cloudFormation: (region: string) => Pick<CloudFormationClient, 'send'>;
  /** An S3 client for the bucket's region (uploads Buffers; see executePublish). */
  s3: (region: string) => S3Client;
  cloudFront: () => Pick<CloudFrontClient, 'send'>;
  /**
   * Synthesizes the CDK app with these settings (undefined: cdk.json's) and checks it against the Control Tower
   * controls and cdk-nag (`checkAppCompliance`).
   */
  checkCompliance: (settingsFile: string | undefined) => ComplianceReport & { stackName: string };
  /** The prebuilt OHIF viewer folder (`fetchOhifApp`). */
  fetchOhifApp: () => Promise<string>;
  /** Where progress lines and the plan go. */
  log: (line: string) => void;
  progressStream: ProgressBarOptions['stream'];
  env: NodeJS.ProcessEnv;
}

export interface DeployReport {
  outputs: StackOutputs;
  plan: PublishPlan;
  /** Paths invalidated (or, in a dry run, that would be). */
  invalidationPaths: string[];
}

/** The runtime bundles `npm run build` writes, by plugin name (the names the app-config knows them by). */
export const runtimeBundles = {
  extension: 'extension/runtime/ohif-extension-aws-healthimaging.js',
  mode: 'mode/runtime/ohif-mode-aws-healthimaging.js',
};
const cdkDir = 'deploy/aws/cdk';

/**
 * `npm run deploy`: (1) cdk deploy, (2) the stack outputs, (3) the viewer with an app-config from the outputs,
 * (4) publish to S3, (5) CloudFront invalidation of the changed unhashed paths. A dry run calls no AWS API.
 */
export async function runDeploy(command: DeployCommand, deps: DeployDependencies): Promise<DeployReport> {
  const { log, repoRoot } = deps;
  if (!command.ohifCheckout) assertBundlesBuilt(repoRoot);

  const outputs = await stackOutputsFor(command, deps);
  assertStackOutputs(outputs, command.stackName);
  const region = outputs.Region as string;
  const bucket = outputs.BucketName as string;
  const appConfigFor = (pluginUrls: Record<string, string> | typeof compiledInPlugins) =>
    renderAppConfig(awsAppConfigValues({ outputs, pluginUrls }));

  const scratch = command.dryRun ? await mkdtemp(join(tmpdir(), 'deploy-dry-run-')) : undefined;
  try {
    log(`[3/5] Building the viewer${command.ohifCheckout ? ` from the OHIF checkout ${command.ohifCheckout}` : ''}`);
    const viewer: { localDir: string; manifest?: ViewerManifest } = command.ohifCheckout
      ? await checkoutViewer(command, deps, appConfigFor)
      : await prebuiltViewer(deps, appConfigFor, scratch);

    log(
      `[4/5] Publishing to s3://${bucket}${command.dryRun ? ' (dry run: the bucket is not read, so every file is listed and deletions are unknown)' : ''}`,
    );
    const remoteObjects: RemoteObject[] = command.dryRun
      ? []
      : await listRemoteObjects({ s3Client: deps.s3(region), bucket }).catch((error: unknown) => {
          throw publishError(error, command.stackName);
        });
    const plan = await planPublish({
      localDir: viewer.localDir,
      ...(viewer.manifest && { manifest: viewer.manifest }),
      remoteObjects,
    });
    describePlan(plan, log);
    if (!command.dryRun && plan.uploads.length + plan.deletes.length > 0) {
      const bar = new ProgressBar(plan.uploadBytes, { label: 'Uploading', unit: 'bytes', stream: deps.progressStream });
      await executePublish(plan, {
        s3Client: deps.s3(region),
        bucket,
        onProgress: progress => progress.phase === 'upload' && bar.update(progress.bytesDone, progress.key),
      }).catch((error: unknown) => {
        throw publishError(error, command.stackName);
      });
      bar.finish();
    }

    const paths = invalidationPaths(plan);
    log(
      `[5/5] CloudFront invalidation of ${outputs.DistributionId}: ${paths.length ? paths.join(' ') : 'nothing to invalidate'}${command.dryRun && paths.length ? ' (dry run: not sent)' : ''}`,
    );
    if (!command.dryRun && paths.length > 0) {
      await deps
        .cloudFront()
        .send(
          new CreateInvalidationCommand({
            DistributionId: outputs.DistributionId,
            InvalidationBatch: {
              CallerReference: `deploy-${Date.now()}`,
              Paths: { Quantity: paths.length, Items: paths },
            },
          }),
        )
        .catch((error: unknown) => {
          throw awsCallError('invalidate', error, command.stackName);
        });
    }
    log(`${command.dryRun ? 'Dry run finished; nothing was changed.' : 'Deployed.'} Viewer: ${outputs.ViewerUrl}`);
    return { outputs, plan, invalidationPaths: paths };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

function assertBundlesBuilt(repoRoot: string): void {
  const missing = Object.values(runtimeBundles).filter(file => !existsSync(join(repoRoot, file)));
  if (missing.length > 0) {
    throw new DeployStepError(
      'preflight',
      `The runtime bundles are not built (${missing.join(', ')} missing): run npm run build first`,
    );
  }
}

async function stackOutputsFor(command: DeployCommand, deps: DeployDependencies): Promise<StackOutputs> {
  const { log, repoRoot } = deps;
  const outputsFile = join(repoRoot, '.cache', 'deploy', 'stack-outputs.json');
  if (command.skipInfra) {
    log('[1/5] Infrastructure: skipped (--skip-infra)');
    const region = command.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? cdkJsonRegion(repoRoot);
    if (!region) throw new DeployStepError('outputs', 'The stack region is unknown: pass --region (or set AWS_REGION)');
    if (command.dryRun) return lastKnownOutputs(outputsFile, command.stackName, log);
    log(`[2/5] Reading the outputs of stack ${command.stackName} in ${region}`);
    return describeStackOutputs(deps.cloudFormation(region), command.stackName);
  }
  const args = [
    'deploy',
    command.stackName,
    '--require-approval',
    command.requireApproval,
    '--outputs-file',
    outputsFile,
  ];
  if (command.settingsFile) args.push('-c', `settingsFile=${resolve(command.settingsFile)}`);
  const cdk = join(repoRoot, 'node_modules', '.bin', 'cdk');
  checkInfrastructure(command, deps);
  if (command.dryRun) {
    log(
      `      Infrastructure (dry run, not run): ${cdk} ${args.join(' ')}  (in ${cdkDir}; run cdk diff there to see the changes)`,
    );
    return lastKnownOutputs(outputsFile, command.stackName, log);
  }
  log(`      cdk ${args.join(' ')}`);
  await deps.runCommand(cdk, args, { cwd: join(repoRoot, cdkDir) }).catch((error: unknown) => {
    throw new DeployStepError(
      'infrastructure',
      `cdk deploy failed: ${(error as Error).message}. Its output above says why (no AWS credentials? not bootstrapped: run npx cdk bootstrap)`,
      { cause: error },
    );
  });
  log('[2/5] Reading the stack outputs');
  return readCdkOutputsFile(outputsFile, command.stackName);
}

/** The plan is refused before anything is deployed when it breaks a control that has no exception. */
function checkInfrastructure(command: DeployCommand, deps: DeployDependencies): void {
  deps.log(
    '[1/5] Infrastructure: checking the stack against the Control Tower controls and cdk-nag (synthesized here, offline)',
  );
  const report = deps.checkCompliance(command.settingsFile);
  if (report.stackName !== command.stackName) {
    throw new DeployStepError(
      'preflight',
      `The settings name the stack ${report.stackName}, but --stack-name is ${command.stackName}: make them match`,
    );
  }
  describeCompliance(report, deps.log);
  assertCompliant(report);
}

/** A dry run reads the outputs of the last deploy from disk; before any deploy it uses placeholders. */
function lastKnownOutputs(outputsFile: string, stackName: string, log: (line: string) => void): Promise<StackOutputs> {
  if (existsSync(outputsFile)) {
    log(`[2/5] Stack outputs (dry run): from the last deploy, ${outputsFile}`);
    return readCdkOutputsFile(outputsFile, stackName);
  }
  log('[2/5] Stack outputs (dry run): no earlier deploy on this machine, so placeholder values are used');
  const datastoreId = '0'.repeat(32);
  return Promise.resolve({
    Region: 'eu-west-1',
    DatastoreId: datastoreId,
    DicomWebUrl: `https://dicom-medical-imaging.eu-west-1.amazonaws.com/datastore/${datastoreId}`,
    Authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_placeholder',
    ClientId: 'placeholder-client-id',
    ViewerUrl: 'https://placeholder.cloudfront.net/',
    BucketName: '(bucket created by the stack)',
    DistributionId: '(distribution created by the stack)',
  });
}

function cdkJsonRegion(repoRoot: string): string | undefined {
  try {
    const cdkJson = JSON.parse(readFileSync(join(repoRoot, cdkDir, 'cdk.json'), 'utf8')) as {
      context?: { ohifHealthImaging?: { region?: unknown } };
    };
    const region = cdkJson.context?.ohifHealthImaging?.region;
    return typeof region === 'string' ? region : undefined;
  } catch {
    return undefined;
  }
}

async function prebuiltViewer(
  deps: DeployDependencies,
  appConfigFor: (pluginUrls: Record<string, string>) => string,
  scratch: string | undefined,
): Promise<{ localDir: string; manifest?: ViewerManifest }> {
  const outDir = scratch ? join(scratch, 'viewer') : join(deps.repoRoot, '.cache', 'deploy', 'viewer');
  const manifest = await assembleViewer({
    ohifDist: await deps.fetchOhifApp(),
    outDir,
    appConfigJs: appConfigFor,
    plugins: Object.entries(runtimeBundles).map(([name, file]) => ({ name, file: join(deps.repoRoot, file) })),
  });
  deps.log(
    `      ${manifest.files.length} files, ${formatBytes(manifest.totalBytes)} (${manifest.omitted.length} unused OHIF files left out)`,
  );
  return { localDir: outDir, manifest };
}

async function checkoutViewer(
  command: DeployCommand,
  deps: DeployDependencies,
  appConfigFor: (pluginUrls: typeof compiledInPlugins) => string,
): Promise<{ localDir: string }> {
  const checkoutDir = resolve(command.ohifCheckout as string);
  // Compiled into the checkout's build, the extension and mode register themselves: the app-config lists no URL.
  const appConfigJs = appConfigFor(compiledInPlugins);
  const distDir = join(checkoutDir, 'platform', 'app', 'dist');
  if (command.dryRun) {
    const checkout = recogniseOhifCheckout(checkoutDir);
    const build = viewerCommands(checkout, command.ohifBuildScript).build;
    deps.log(
      `      (dry run) ${checkout.generation.name}, @ohif/app ${checkout.version}: would add our extension and mode,`,
    );
    deps.log(
      `      write ${checkoutAppConfigFile} and run ${[build.command, ...build.args].join(' ')}; planning with the existing dist`,
    );
    if (!existsSync(join(distDir, 'index.html'))) {
      throw new DeployStepError(
        'viewer',
        `Dry run: ${distDir} has no build yet, so there is nothing to plan; run without --dry-run to build it`,
      );
    }
    return { localDir: distDir };
  }
  const prepared = await prepareOhifCheckout({
    checkoutDir,
    repoRoot: deps.repoRoot,
    appConfigJs,
    run: deps.runCommand,
    output: deps.readCommandOutput ?? readCommandOutput,
    log: line => deps.log(`      ${line}`),
  });
  for (const change of prepared.changes) deps.log(`      ${change}`);
  return { localDir: await buildOhifCheckout(prepared.checkout, deps.runCommand, command.ohifBuildScript) };
}

function describePlan(plan: PublishPlan, log: (line: string) => void): void {
  log(
    `      upload ${plan.uploads.length} file(s) (${formatBytes(plan.uploadBytes)}), ${plan.unchanged.length} unchanged, delete ${plan.deletes.length}`,
  );
  for (const file of plan.uploads)
    log(`        + ${file.key} (${file.reason}, ${formatBytes(file.bytes)}, ${file.cacheControl})`);
  for (const key of plan.deletes) log(`        - ${key}`);
}

function publishError(error: unknown, stackName: string): DeployStepError {
  return awsCallError('publish', (error as { cause?: unknown }).cause ?? error, stackName);
}
