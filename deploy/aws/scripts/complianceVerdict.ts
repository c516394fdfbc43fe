import type { ComplianceReport } from '../cdk/lib/compliance/complianceChecks';
import { DeployStepError } from './errors';

/** Where exceptions are written; named in every refusal. */
export const exceptionsModule = 'deploy/aws/cdk/lib/compliance/controlExceptions.ts';

/** Prints the Control Tower and cdk-nag results: violations, then each exception with its reason. */
export function describeCompliance(report: ComplianceReport, log: (line: string) => void): void {
  const { controlTower, nagViolations, acknowledged } = report;
  const excepted = new Set(controlTower.acknowledged.map(entry => entry.rule));
  log(
    `      Control Tower proactive controls (cfn-guard, ${controlTower.ruleCount} rules): ${count(controlTower.violations)} violation(s), ${excepted.size} rule(s) excepted`,
  );
  for (const line of violationLines(controlTower.violations)) log(`        ✗ ${line}`);
  for (const entry of controlTower.acknowledged) log(`        ~ ${entry.rule} ${entry.path}: ${entry.reason}`);
  const nagAcknowledged = acknowledged.filter(entry => entry.rule.startsWith('AwsSolutions-'));
  log(`      cdk-nag AwsSolutions: ${count(nagViolations)} finding(s), ${nagAcknowledged.length} acknowledged`);
  for (const line of violationLines(nagViolations)) log(`        ✗ ${line}`);
  for (const entry of nagAcknowledged) log(`        ~ ${entry.rule} ${entry.path}: ${entry.reason}`);
}

/** Refuses a plan with a violation no exception covers, naming each rule and resource. */
export function assertCompliant(report: ComplianceReport): void {
  const lines = [...violationLines(report.controlTower.violations), ...violationLines(report.nagViolations)];
  if (lines.length === 0) return;
  throw new DeployStepError(
    'compliance',
    `The stack breaks ${lines.length} control(s) with no exception, so it is not deployed:\n  ${lines.join('\n  ')}\n` +
      `Fix the resource, or, if the control cannot apply to it, add an exception with its reason to ${exceptionsModule}.`,
  );
}

type Violations = ComplianceReport['nagViolations'];

function count(violations: Violations): number {
  return violations.reduce((total, violation) => total + violation.violatingResources.length, 0);
}

function violationLines(violations: Violations): string[] {
  return violations.flatMap(violation =>
    violation.violatingResources.map(
      resource => `${violation.ruleName} at ${resource.resourceLogicalId}: ${firstLine(violation.description)}`,
    ),
  );
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
