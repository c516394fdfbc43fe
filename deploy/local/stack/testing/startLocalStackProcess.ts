import { startScriptProcess, type ScriptProcess } from '../../testing/startScriptProcess';
import type { LocalStackSummary } from '../localStackSummary';

/**
 * Runs `npm start`'s script (`deploy/local/start.ts --json`) with `args` in a child process and resolves with its
 * ready line once the whole stack listens. Rejects with its stderr if it exits first or takes over `timeoutMs`.
 */
export function startLocalStackProcess(args: string[], timeoutMs = 45_000): Promise<ScriptProcess<LocalStackSummary>> {
  return startScriptProcess<LocalStackSummary>(
    'deploy/local/start.ts',
    ['--json', ...args],
    'the local stack',
    timeoutMs,
  );
}
