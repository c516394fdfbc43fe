import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LocalStackSummary } from '../../stack/localStackSummary';
import { startLocalStackProcess } from '../../stack/testing/startLocalStackProcess';
import type { ScriptProcess } from '../../testing/startScriptProcess';

/**
 * The browser tests' data folder: the sample studies are imported into it once (the first test file to start a
 * stack does it), the later stacks reuse them. Inside `.cache/` so that it is ignored and survives between runs.
 */
export const e2eDataDir = resolve(__dirname, '../../../../.cache/e2e-stack');

export interface E2eStack {
  summary: LocalStackSummary;
  /** GET/POST one of the endpoint's `/__local/*` test-control routes. */
  endpointControl<T>(path: string, body?: unknown): Promise<T>;
  /** GET/POST one of the provider's `/__local/*` test-control routes. */
  providerControl<T>(path: string, body?: unknown): Promise<T>;
  /**
   * What the stack wrote so far: progress and the authorizer's denials (one `authorizer: {...}` line each) on stderr.
   */
  output(): { stdout: string; stderr: string };
  stop(): Promise<number | null>;
}

/** `npm start` in a child process on free ports, with its test-control routes; `args` adds flags. */
export async function startE2eStack(args: string[] = []): Promise<E2eStack> {
  await mkdir(e2eDataDir, { recursive: true });
  const process: ScriptProcess<LocalStackSummary> = await startLocalStackProcess(
    [
      '--viewer-port',
      '0',
      '--oidc-port',
      '0',
      '--dicomweb-port',
      '0',
      '--data-dir',
      e2eDataDir,
      '--test-control',
      ...args,
    ],
    120_000,
  );
  const control =
    (origin: string) =>
    async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(
        `${origin}/__local/${path}`,
        body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
      );
      if (!response.ok)
        throw new Error(`${origin}/__local/${path} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    };
  return {
    summary: process.ready,
    endpointControl: control(process.ready.dicomwebUrl),
    // The issuer may have a path (a provider profile's issuer form); the test-control routes are at the origin.
    providerControl: control(new URL(process.ready.issuer).origin),
    output: () => process.output(),
    stop: () => process.stop(),
  };
}
