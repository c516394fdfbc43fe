// `npm run ohif-checkout -- <checkout> [--target local|aws]`: our extension and mode into an OHIF checkout.
// Exit 0 prepared (the commands to run are printed), 1 the checkout could not be prepared, 2 a wrong argument.
import { join, resolve } from 'node:path';
import {
  awsAppConfigValues,
  compiledInPlugins,
  localAppConfigValues,
  renderAppConfig,
} from 'ohif-healthimaging-platform-config';
import { CommandFailedError, DeployStepError } from '../aws/scripts/errors';
import { readCommandOutput, runCommand } from '../aws/scripts/runCommand';
import { readCdkOutputsFile } from '../aws/scripts/stackOutputs';
import { localRegion } from '../local/stack/LocalStackSettings';
import { parseLocalStackSettings } from '../local/stack/parseLocalStackSettings';
import { repoRoot } from '../viewer/repoRoot';
import { OhifCheckoutError } from './OhifCheckoutError';
import {
  OhifCheckoutArgumentError,
  ohifCheckoutUsage,
  parseOhifCheckoutArguments,
  type OhifCheckoutCommand,
} from './parseOhifCheckoutArguments';
import { prepareOhifCheckout } from './prepareOhifCheckout';
import { formatViewerCommand, viewerCommands } from './viewerCommands';

/** OHIF's dev server origin (webpack / rspack `devServer.port`, OHIF_PORT, default 3000). */
const devServerOrigin = `http://localhost:${process.env.OHIF_PORT || 3000}`;

async function appConfigFor(command: OhifCheckoutCommand, root: string): Promise<string> {
  if (command.target === 'local') {
    const settings = parseLocalStackSettings([], process.env, root);
    return renderAppConfig(
      localAppConfigValues({
        oidcPort: settings.oidcPort,
        dicomwebPort: settings.dicomwebPort,
        datastoreId: settings.datastoreId,
        pluginUrls: compiledInPlugins,
        region: localRegion,
      }),
    );
  }
  const outputsFile = resolve(
    process.env.INIT_CWD ?? process.cwd(),
    command.outputsFile ?? join(root, '.cache', 'deploy', 'stack-outputs.json'),
  );
  const outputs = await readCdkOutputsFile(outputsFile, command.stackName);
  return renderAppConfig(awsAppConfigValues({ outputs, pluginUrls: compiledInPlugins }));
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseOhifCheckoutArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof OhifCheckoutArgumentError)) throw error;
    console.error(`ohif-checkout: ${error.message}`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${ohifCheckoutUsage}\n`);
    return 0;
  }
  const root = repoRoot();
  // npm runs scripts from the repository root; the folder is relative to where the user typed it.
  const checkoutDir = resolve(process.env.INIT_CWD ?? process.cwd(), command.checkoutDir);
  try {
    const prepared = await prepareOhifCheckout({
      checkoutDir,
      repoRoot: root,
      appConfigJs: await appConfigFor(command, root),
      run: runCommand,
      output: readCommandOutput,
      log: line => console.info(line),
    });
    const commands = viewerCommands(prepared.checkout);
    const lines = [
      '',
      `Ready: ${prepared.checkout.generation.name}, @ohif/app ${prepared.checkout.version}.`,
      ...prepared.changes.map(change => `  - ${change}`),
      '',
      ...(command.target === 'local'
        ? [
            "Start the local stack in this repository (its own viewer moves off port 3000, which is the dev server's):",
            `  npm start -- --viewer-port 3100 --extra-viewer-origin ${devServerOrigin}`,
          ]
        : [
            `The identity provider must allow ${devServerOrigin}/callback for the dev server (and the viewer's URL for a build).`,
          ]),
      `Dev server (${devServerOrigin}, sign in as reader / reader-password on the local stack):`,
      `  ${formatViewerCommand(prepared.checkout, commands.dev)}`,
      'Production build (into platform/app/dist):',
      `  ${formatViewerCommand(prepared.checkout, commands.build)}`,
    ];
    if (command.target === 'aws')
      lines.push('Publish that build: npm run deploy -- --skip-infra --ohif-checkout <checkout>');
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof OhifCheckoutError || error instanceof DeployStepError || error instanceof CommandFailedError) {
      console.error(`ohif-checkout: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main().then(
  code => process.exit(code),
  error => {
    console.error('ohif-checkout failed:', error);
    process.exit(1);
  },
);
