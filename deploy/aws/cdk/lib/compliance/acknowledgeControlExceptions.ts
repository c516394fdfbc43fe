import { Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { DeploySettings } from '../DeploySettings';
import { controlExceptions, type ControlException } from './controlExceptions';

/** One exception applied to one resource. */
export interface AppliedException {
  rule: string;
  /** Construct path below the stack, e.g. `Hosting/Files/Resource`. */
  path: string;
  resourceType: string;
  reason: string;
}

/**
 * Records each exception of `controlExceptions` that applies with these settings on the resources it covers, as a
 * CDK acknowledgment (`Validations.of(resource).acknowledge`): cdk-nag reads them natively, ControlTowerChecks
 * reads the same metadata. It runs as an aspect, when the app is synthesized, so resources added to the stack at
 * any time are covered (or not) alike. The returned list fills during synthesis.
 */
export function acknowledgeControlExceptions(
  stack: Stack,
  settings: DeploySettings,
  exceptions: readonly ControlException[] = controlExceptions,
): AppliedException[] {
  const applied: AppliedException[] = [];
  const active = exceptions.filter(exception => exception.when?.(settings) ?? true);
  Aspects.of(stack).add({
    visit(construct: IConstruct) {
      if (!CfnResource.isCfnResource(construct) || Stack.of(construct) !== stack) return;
      const path = construct.node.path.slice(stack.node.path.length + 1);
      for (const exception of active) {
        if (construct.cfnResourceType !== exception.resourceType) continue;
        if (
          exception.under !== undefined &&
          !exception.under.some(prefix => path === prefix || path.startsWith(`${prefix}/`))
        )
          continue;
        Validations.of(construct).acknowledge({ id: exception.rule, reason: exception.reason });
        applied.push({ rule: exception.rule, path, resourceType: exception.resourceType, reason: exception.reason });
      }
    },
  });
  return applied;
}
