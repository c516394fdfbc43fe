import { Validations, type App, type PolicyViolation } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { OhifHealthImagingStack } from '../OhifHealthImagingStack';
import type { AppliedException } from './acknowledgeControlExceptions';
import { ControlTowerChecks, type ControlTowerResult } from './ControlTowerChecks';

/** Makes each synth (cdk synth, deploy, diff) fail on a Control Tower or cdk-nag finding not acknowledged. */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new ControlTowerChecks(), new AwsSolutionsChecks(app, { verbose: true }));
}

export interface ComplianceReport {
  controlTower: ControlTowerResult;
  /** cdk-nag AwsSolutions findings not acknowledged. */
  nagViolations: PolicyViolation[];
  /** Every exception acknowledged on the stack (controlExceptions.ts), with its reason. */
  acknowledged: AppliedException[];
}

/**
 * Synthesizes the app and runs both checks on the stack, returning every result instead of failing: for the
 * deploy's plan, which prints them and decides. The app must not have the plugins of `addComplianceChecks`.
 */
export function checkCompliance(app: App, stack: OhifHealthImagingStack): ComplianceReport {
  const templatePath = app.synth().getStackArtifact(stack.artifactId).templateFullPath;
  return {
    controlTower: new ControlTowerChecks().check([{ templatePath, stack }], app),
    nagViolations: new AwsSolutionsChecks(app).validateScope(stack).violations,
    acknowledged: stack.acknowledgedExceptions,
  };
}
