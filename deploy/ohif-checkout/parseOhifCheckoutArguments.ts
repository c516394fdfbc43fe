import { parseArgs } from 'node:util';

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
export class OhifCheckoutArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OhifCheckoutArgumentError';
  }
}

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
    throw new OhifCheckoutArgumentError(`${(error as Error).message.replace(/\. To specify.*$/s, '')} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1 || positionals[0] === '') {
    throw new OhifCheckoutArgumentError(
      positionals.length === 0 ? 'give the folder of the OHIF checkout, e.g. npm run ohif-checkout -- ../Viewers' : `give one checkout folder, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  }
  const target = values.target as string;
  if (target !== 'local' && target !== 'aws') throw new OhifCheckoutArgumentError(`--target must be local or aws, got ${JSON.stringify(target)}`);
  if (target === 'local' && values['outputs-file'] !== undefined) {
    throw new OhifCheckoutArgumentError('--outputs-file is for --target aws; the local target needs no stack outputs');
  }
  const command: OhifCheckoutCommand = { checkoutDir: positionals[0] as string, target, stackName: values['stack-name'] as string };
  if (values['outputs-file'] !== undefined) command.outputsFile = values['outputs-file'] as string;
  return command;
}
