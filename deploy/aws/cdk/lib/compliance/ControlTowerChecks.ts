import {
  CfnResource,
  Stack,
  Validations,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  type PolicyViolation,
} from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IConstruct } from 'constructs';

/** A Control Tower control one resource does not meet, acknowledged with a reason (see controlExceptions.ts). */
export interface AcknowledgedControl {
  rule: string;
  resourceLogicalId: string;
  path: string;
  reason: string;
}

export interface ControlTowerResult {
  /** Rules evaluated (the Control Tower proactive controls shipped with the validator). */
  ruleCount: number;
  /** Controls violated and not acknowledged: each fails the synth. `ruleName` is the control id (`CT.S3.PR.9`). */
  violations: PolicyViolation[];
  acknowledged: AcknowledgedControl[];
}

/** Control ids in the guard rules' messages: `[CT.S3.PR.9]: Require ...`. */
const controlIdPattern = /^\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/;

/**
 * The AWS Control Tower proactive controls, checked with cfn-guard (the binary and rules that ship in
 * @cdklabs/cdk-validator-cfnguard), as a CDK validation plugin. Unlike the validator alone it honours CDK
 * acknowledgments (`Validations.of(resource).acknowledge({ id: 'CT.S3.PR.9', reason })`) on a resource or its
 * ancestors, the mechanism cdk-nag uses, so every exception is recorded the same way.
 */
export class ControlTowerChecks implements IPolicyValidationPlugin {
  readonly name = 'control-tower';
  readonly version: string | undefined;
  readonly ruleIds: string[];
  private readonly guard = new CfnGuardValidator({ controlTowerRulesEnabled: true });

  constructor() {
    this.version = this.guard.version;
    this.ruleIds = this.guard.ruleIds ?? [];
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = context.stackTemplates.map(({ templatePath, stackConstructPath }) => {
      const stack = context.appConstruct.node.findAll().find(node => node.node.path === stackConstructPath);
      if (stack === undefined || !Stack.isStack(stack))
        throw new Error(`ControlTowerChecks: no stack at ${stackConstructPath} in the app`);
      return { templatePath, stack };
    });
    const { violations } = this.check(stacks, context.appConstruct);
    return { success: violations.length === 0, violations };
  }

  /** Runs cfn-guard once over the stacks' synthesized templates and separates acknowledged findings. */
  check(stacks: Array<{ templatePath: string; stack: Stack }>, app: IConstruct): ControlTowerResult {
    const report = this.guard.validate({ templatePaths: stacks.map(s => s.templatePath), appConstruct: app });
    const violations: PolicyViolation[] = [];
    const acknowledged: AcknowledgedControl[] = [];
    for (const violation of report.violations) {
      const rule = controlIdPattern.exec(violation.description)?.[1] ?? violation.ruleName;
      const open = violation.violatingResources.filter(resource => {
        const stack = stacks.find(s => s.templatePath === resource.templatePath)?.stack;
        const construct = stack && resourceByLogicalId(stack, resource.resourceLogicalId);
        const reason = construct && acknowledgment(construct, rule);
        if (construct === undefined || reason === undefined) return true;
        acknowledged.push({
          rule,
          resourceLogicalId: resource.resourceLogicalId,
          path: relativePath(stack as Stack, construct),
          reason,
        });
        return false;
      });
      if (open.length > 0) violations.push({ ...violation, ruleName: rule, violatingResources: open });
    }
    return { ruleCount: this.ruleIds.length, violations, acknowledged };
  }
}

function resourceByLogicalId(stack: Stack, logicalId: string): CfnResource | undefined {
  return stack.node
    .findAll()
    .find(
      (node): node is CfnResource =>
        CfnResource.isCfnResource(node) && Stack.of(node) === stack && stack.resolve(node.logicalId) === logicalId,
    );
}

/** The reason given for `rule` on the construct or one of its ancestors, as recorded by Validations.acknowledge. */
function acknowledgment(construct: IConstruct, rule: string): string | undefined {
  for (let current: IConstruct | undefined = construct; current !== undefined; current = current.node.scope) {
    for (const entry of current.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        if (id.replace(/^annotation::/i, '') === rule) return reason;
      }
    }
  }
  return undefined;
}

function relativePath(stack: Stack, construct: IConstruct): string {
  return construct.node.path.slice(stack.node.path.length + 1);
}
