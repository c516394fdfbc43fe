// `npm run import -- <folder> ...`: STOW-RS import of a folder of DICOM files (see --help and README.md).
import { readFile } from 'node:fs/promises';
import { clientCredentialsTokenSource } from './clientCredentials';
import { ImportFolderError, ImportSettingError, TokenRequestError } from './errors';
import { importFolder, type ImportSummary } from './importFolder';
import { importUsage, parseImportArguments, type ImportCommand } from './parseImportArguments';
import type { S3ImportCommand } from './s3/parseS3ImportArguments';
import { runS3ImportCli } from './s3/runS3ImportCli';
import { ProgressBar } from './ProgressBar';
import { staticTokenSource, type TokenSource } from './tokenSource';
import { userSignInTokenSource } from './userSignIn';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * Runs the import command line (STOW-RS, or import jobs with --via s3); resolves with the exit code (0 all accepted, 1
 * rejected/failed, 2 bad arguments).
 */
export async function runImportCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let command: ImportCommand | S3ImportCommand | 'help';
  try {
    command = parseImportArguments(argv, env);
    if (command === 'help') {
      io.stdout.write(`${importUsage}\n`);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof ImportSettingError)) throw error;
    io.stderr.write(`import: ${error.message}\n\n${importUsage}\n`);
    return 2;
  }
  if ('via' in command) return runS3ImportCli(command, env, io);
  try {
    const tokenSource = await tokenSourceFor(command.credentials);
    let bar: ProgressBar | undefined;
    const summary = await importFolder({
      folder: command.folder,
      dicomwebUrl: command.dicomwebUrl,
      tokenSource,
      batch: command.batch,
      retry: command.retry,
      onProgress: progress => {
        bar ??= new ProgressBar(progress.bytesTotal, { label: 'Importing', unit: 'bytes', stream: io.stderr });
        bar.update(
          progress.bytesDone,
          progress.waiting ?? `${progress.accepted} accepted, ${progress.rejected} rejected`,
        );
      },
    });
    bar?.finish();
    io.stdout.write(
      command.json
        ? `${JSON.stringify({ dicomwebUrl: command.dicomwebUrl, ...summary }, null, 2)}\n`
        : describeSummary(summary, command.dicomwebUrl),
    );
    return summary.rejected.length > 0 || summary.stoppedBecause ? 1 : 0;
  } catch (error) {
    if (
      error instanceof ImportSettingError ||
      error instanceof ImportFolderError ||
      error instanceof TokenRequestError
    ) {
      io.stderr.write(`import: ${error.message}\n`);
      return error instanceof ImportSettingError ? 2 : 1;
    }
    throw error;
  }
}

async function tokenSourceFor(credentials: ImportCommand['credentials']): Promise<TokenSource> {
  if (credentials.kind === 'token') return staticTokenSource(credentials.token);
  if (credentials.kind === 'token-file') {
    const token = (
      await readFile(credentials.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new ImportSettingError(
          '--token-file',
          `(${credentials.path}) cannot be read: ${error.code ?? error.message}`,
        );
      })
    ).trim();
    if (token === '') throw new ImportSettingError('--token-file', `(${credentials.path}) is empty`);
    return staticTokenSource(token);
  }
  if (credentials.kind === 'sign-in') {
    const { kind: _kind, ...settings } = credentials;
    return userSignInTokenSource({
      ...settings,
      presentUrl: url => console.error(`Open this address in a browser to sign in:\n  ${url}`),
    });
  }
  const { kind: _kind, ...settings } = credentials;
  return clientCredentialsTokenSource(settings);
}

/** The human summary: counts, then each rejected and skipped file with its reason. */
export function describeSummary(summary: ImportSummary, dicomwebUrl: string): string {
  const lines = [
    `Import to ${dicomwebUrl}: ${summary.accepted.length} accepted, ${summary.rejected.length} rejected, ` +
      `${summary.skipped.length} skipped (not DICOM); ${summary.requests} request(s), ${summary.retries} retried.`,
  ];
  if (summary.stoppedBecause) lines.push(`Stopped: ${summary.stoppedBecause}`);
  const rejectedByServer = summary.rejected.filter(file => !file.reason.startsWith('not sent: '));
  if (rejectedByServer.length > 0)
    lines.push('Rejected:', ...rejectedByServer.map(file => `  ${file.name}: ${file.reason}`));
  if (summary.skipped.length > 0)
    lines.push('Skipped:', ...summary.skipped.map(file => `  ${file.name}: ${file.reason}`));
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  runImportCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }).then(
    code => process.exit(code),
    error => {
      console.error('import failed:', error);
      process.exit(1);
    },
  );
}
