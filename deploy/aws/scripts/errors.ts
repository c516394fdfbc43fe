import { SettingsError } from 'ohif-healthimaging-validation';

/** A deploy command-line argument is wrong; the message names it and what to fix. */
export class DeployArgumentError extends SettingsError {
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(argument, problem);
  }
}

/** A deploy step failed; the message says which step and what to do about it. */
export class DeployStepError extends Error {
  constructor(
    readonly step: 'preflight' | 'compliance' | 'infrastructure' | 'outputs' | 'viewer' | 'publish' | 'invalidate',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeployStepError';
  }
}

/** An external command (cdk, pnpm) exited with a failure. */
export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    detail = '',
  ) {
    super(`${command} failed (exit code ${exitCode ?? 'none: killed'})${detail ? `: ${detail}` : ''}`);
    this.name = 'CommandFailedError';
  }
}

/** The folder given as `--ohif-checkout` is not a supported OHIF checkout, or cannot be prepared. */
export { OhifCheckoutError } from '../../ohif-checkout/OhifCheckoutError';
