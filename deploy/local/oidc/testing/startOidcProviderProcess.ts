import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import type { OidcProviderOptions } from '../OidcProviderOptions';

/** The provider running in a child process (jest cannot import oidc-provider: it is ESM-only). */
export interface OidcProviderProcess {
  issuer: string;
  /** Everything the process wrote on stdout and stderr so far (for assertions and failure messages). */
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

const repositoryRoot = resolve(__dirname, '../../../..');
const mainScript = resolve(__dirname, '../main.ts');

/**
 * Starts `deploy/local/oidc/main.ts` with `options` (as `--options <json>`) through tsx, and resolves once it
 * printed its ready line. Rejects with the process's stderr if it exits first or takes over `timeoutMs`.
 */
export function startOidcProviderProcess(options: OidcProviderOptions, timeoutMs = 30_000): Promise<OidcProviderProcess> {
  const child = spawn(resolve(repositoryRoot, 'node_modules/.bin/tsx'), [mainScript, '--options', JSON.stringify(options)], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>(resolveExit => child.once('exit', code => resolveExit(code)));

  const running: OidcProviderProcess = {
    issuer: '',
    output: () => ({ stdout, stderr }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };

  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`the OIDC provider did not get ready within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      const ready = JSON.parse(stdout.slice(0, newline)) as { ready: boolean; issuer: string };
      resolveStart({ ...running, issuer: ready.issuer });
    };
    child.stdout.on('data', onData);
    void exited.then(code => {
      clearTimeout(timer);
      rejectStart(new Error(`the OIDC provider exited (code ${code}) before getting ready:\n${stderr}`));
    });
  });
}
