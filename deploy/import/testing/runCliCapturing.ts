import { PassThrough } from 'node:stream';
import { runImportCli } from '../cli';

/** Runs the import command line with captured stdout and stderr (not a terminal). */
export async function runCliCapturing(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', chunk => (out += String(chunk)));
  stderr.on('data', chunk => (err += String(chunk)));
  const code = await runImportCli(argv, env, { stdout, stderr });
  return { code, out, err };
}
