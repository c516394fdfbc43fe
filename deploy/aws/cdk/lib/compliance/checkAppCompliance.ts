import { App } from 'aws-cdk-lib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineViewerStack } from '../defineViewerStack';
import { settingsFileContextKey } from '../loadDeploySettings';
import type { OhifHealthImagingStack } from '../OhifHealthImagingStack';
import { checkCompliance, type ComplianceReport } from './complianceChecks';

export interface AppComplianceOptions {
  /** Deploy settings file (`-c settingsFile=<file>`), from the working directory. Default: cdk.json's context. */
  settingsFile?: string;
  /** Changes the stack before it is checked (tests use it to make a non-compliant change). */
  amend?: (stack: OhifHealthImagingStack) => void;
}

/**
 * Synthesizes the CDK app in this process, as `cdk synth` would (cdk.json's context, feature flags and settings),
 * into a temporary folder, and returns the Control Tower and cdk-nag results. Offline: no AWS call, no credentials.
 */
export function checkAppCompliance(options: AppComplianceOptions = {}): ComplianceReport & { stackName: string } {
  const cdkJson = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-compliance-'));
  try {
    const context = {
      ...cdkJson.context,
      ...(options.settingsFile !== undefined && { [settingsFileContextKey]: resolve(options.settingsFile) }),
    };
    const app = new App({ context, outdir });
    const stack = defineViewerStack(app);
    options.amend?.(stack);
    return { stackName: stack.stackName, ...checkCompliance(app, stack) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
