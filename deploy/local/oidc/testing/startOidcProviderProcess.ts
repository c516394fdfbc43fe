import { startScriptProcess } from '../../testing/startScriptProcess';
import type { OidcProviderOptions } from '../OidcProviderOptions';

/** The provider running in a child process (jest cannot import oidc-provider: it is ESM-only). */
export interface OidcProviderProcess {
  issuer: string;
  /** Everything the process wrote on stdout and stderr so far (for assertions and failure messages). */
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/**
 * Starts `deploy/local/oidc/main.ts` with `options` (as `--options <json>`) through tsx, and resolves once it
 * printed its ready line. Rejects with the process's stderr if it exits first or takes over `timeoutMs`.
 */
export async function startOidcProviderProcess(
  options: OidcProviderOptions,
  timeoutMs = 30_000,
): Promise<OidcProviderProcess> {
  const { ready, output, stop } = await startScriptProcess<{ ready: boolean; issuer: string }>(
    'deploy/local/oidc/main.ts',
    ['--options', JSON.stringify(options)],
    'the OIDC provider',
    timeoutMs,
  );
  return { issuer: ready.issuer, output, stop };
}
