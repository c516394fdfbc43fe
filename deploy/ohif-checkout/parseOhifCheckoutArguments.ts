import { parseArgs } from 'node:util';
import { assertOneOf, SettingsError, SettingsPath } from 'ohif-healthimaging-validation';

export const ohifCheckoutUsage = `Usage: npm run ohif-checkout -- <OHIF checkout> [options]

Adds our extension and mode to an OHIF Viewers checkout the way its version expects (OHIF 3.12 with yarn 1:
OHIF's CLI link; OHIF 3.13 with pnpm: pluginConfig.json directory entries), writes the app-config for the
target to platform/app/public/config/healthimaging.js and prints the commands that start and build the viewer.

Options:
  --target local|aws       whose services the viewer uses (default local: npm start's provider and endpoint)
  --stack-name <name>      aws: the deployed stack whose outputs to use (default OhifHealthImaging)
  --outputs-file <file>    aws: cdk outputs JSON (default .cache/deploy/stack-outputs.json, written by npm run deploy)
  --help                   this text

The local target takes npm start's ports from OIDC_PORT and DICOMWEB_PORT when set (defaults 5001, 5002).`;

export interface OhifCheckoutCommand {
  checkoutDir: string;
  target: 'local' | 'aws';
  stackName: string;
  outputsFile?: string;
}

/** A wrong argument; the message names it. */
export class OhifCheckoutArgumentError extends SettingsError {}

const argument = (name: string) =>
  new SettingsPath(name, (key, problem) => new OhifCheckoutArgumentError(key, problem), { style: 'comma' });

/** Parses `npm run ohif-checkout` arguments (without node and the script). */
export function parseOhifCheckoutArguments(argv: string[]): OhifCheckoutCommand | 'help' {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        target: { type: 'string', default: 'local' },
        'stack-name': { type: 'string', default: 'OhifHealthImaging' },
        'outputs-file': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new OhifCheckoutArgumentError(
      'arguments:',
      `${(error as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1 || positionals[0] === '') {
    argument('<checkout folder>').fail(
      positionals.length === 0
        ? 'is missing: give the folder of the OHIF checkout, e.g. npm run ohif-checkout -- ../Viewers'
        : `must be one: give one checkout folder, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const target = assertOneOf(values.target, ['local', 'aws'] as const, argument('--target'), 'local or aws');
  if (target === 'local' && values['outputs-file'] !== undefined) {
    argument('--outputs-file').fail('is for --target aws; the local target needs no stack outputs');
  }
  const command: OhifCheckoutCommand = {
    checkoutDir: positionals[0] as string,
    target,
    stackName: values['stack-name'] as string,
  };
  if (values['outputs-file'] !== undefined) command.outputsFile = values['outputs-file'] as string;
  return command;
}
