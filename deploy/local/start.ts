// `npm start`: the whole local stack in this one process (see deploy/local/README.md).
//   npm start -- --help
// Prints a summary (or, with --json, exactly one JSON line on stdout) once everything listens; progress and
// errors go to stderr. Stops cleanly on Ctrl-C / SIGTERM (exit 0). Exit 2: a wrong flag or environment variable.
import { resolve } from 'node:path';
import {
  OhifAppFetchError,
  OhifAppIntegrityError,
  OhifAppVersionError,
  AssembleViewerError,
  ViewerPortInUseError,
} from '../viewer';
import { OidcDataFolderError } from './oidc';
import { DataFolderError } from './storage';
import { PortInUseError } from './stack/assertPortsFree';
import { formatLocalStackSummary, localStackSummary } from './stack/localStackSummary';
import { LocalStackSettingsError } from './stack/LocalStackSettingsError';
import type { LocalStackSettings } from './stack/LocalStackSettings';
import { HelpRequested, parseLocalStackSettings } from './stack/parseLocalStackSettings';
import { ensureRuntimeBundles, RuntimeBundleBuildError } from './stack/runtimeBundles';
import { LocalStackStopError } from './stack/StartedParts';
import { startLocalStack } from './stack/startLocalStack';

const repositoryRoot = resolve(__dirname, '../..');

/** Errors whose message says what to do: shown alone, without a stack trace. */
const explainedErrors = [
  PortInUseError,
  ViewerPortInUseError,
  RuntimeBundleBuildError,
  OhifAppFetchError,
  OhifAppIntegrityError,
  OhifAppVersionError,
  AssembleViewerError,
  DataFolderError,
  OidcDataFolderError,
  LocalStackStopError,
];

// Progress goes to stderr: with --json, stdout carries only the ready line.
const log = (line: string) => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  let settings: LocalStackSettings;
  try {
    settings = parseLocalStackSettings(process.argv.slice(2), process.env, repositoryRoot);
  } catch (error) {
    if (!(error instanceof HelpRequested)) throw error;
    process.stdout.write(`${error.message}\n`);
    return;
  }
  await ensureRuntimeBundles(repositoryRoot, log);
  const stack = await startLocalStack(settings, { log });
  const summary = localStackSummary(stack);
  process.stdout.write(`${settings.json ? JSON.stringify(summary) : formatLocalStackSummary(summary)}\n`);

  const stop = () => {
    stack.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(error.message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof LocalStackSettingsError) {
    // Its message may go on with the whole usage; one line and a pointer to --help are enough here.
    console.error(`${error.message.split('\n')[0]} (npm start -- --help lists the options)`);
    process.exit(2);
  }
  console.error(explainedErrors.some(type => error instanceof type) ? (error as Error).message : error);
  process.exit(1);
});
