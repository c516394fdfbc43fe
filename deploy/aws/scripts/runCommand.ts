import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { CommandFailedError } from './errors';

/** Runs an external program; resolves when it exited with 0. Injected into the deploy so tests run nothing. */
export type CommandRunner = (
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) => Promise<void>;

/** Runs the command with the terminal attached (its own progress output shows), rejecting on a non-zero exit. */
export const runCommand: CommandRunner = (command, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit' });
    child.once('error', error => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new CommandFailedError(
          command,
          null,
          missing ? `${command} was not found; install it or check the path` : error.message,
        ),
      );
    });
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new CommandFailedError(`${command} ${args[0] ?? ''}`.trim(), code)),
    );
  });

/** Runs a program and resolves with its stdout (e.g. `yarn --version`); rejects when it cannot run or fails. */
export type OutputReader = (command: string, args: string[], options: { cwd: string }) => Promise<string>;

export const readCommandOutput: OutputReader = async (command, args, options) =>
  (await promisify(execFile)(command, args, { cwd: options.cwd, encoding: 'utf8' })).stdout;
