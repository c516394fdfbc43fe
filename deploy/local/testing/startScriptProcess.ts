import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** A TypeScript entry point of this repository running in a child process, after it printed its ready line. */
export interface ScriptProcess<Ready> {
  /** The JSON of the first line the script printed on stdout. */
  ready: Ready;
  /** Everything the process wrote on stdout and stderr so far (for assertions and failure messages). */
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

const repositoryRoot = resolve(__dirname, '../../..');

/**
 * Runs `script` (a path from the repository root) through tsx with `args`, and resolves once it printed its first
 * line on stdout, parsed as JSON. Jest cannot run our servers in its own process (oidc-provider is ESM-only), so
 * tests speak to them over HTTP in a child. Rejects with the process's stderr if it exits first or takes over
 * `timeoutMs`; `name` (e.g. "the OIDC provider") says which in the message.
 */
export function startScriptProcess<Ready>(
  script: string,
  args: string[],
  name: string,
  timeoutMs: number,
): Promise<ScriptProcess<Ready>> {
  const child = spawn(resolve(repositoryRoot, 'node_modules/.bin/tsx'), [resolve(repositoryRoot, script), ...args], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>(resolveExit => child.once('exit', code => resolveExit(code)));

  const output = () => ({ stdout, stderr });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };

  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`${name} did not get ready within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolveStart({ ready: JSON.parse(stdout.slice(0, newline)) as Ready, output, stop });
    };
    child.stdout.on('data', onData);
    // Not awaited: it only matters if the process ends before its ready line. `exited` only ever resolves.
    void exited.then(code => {
      clearTimeout(timer);
      rejectStart(new Error(`${name} exited (code ${code}) before getting ready:\n${stderr}`));
    });
  });
}
