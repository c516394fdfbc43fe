import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** AWS managed rule groups on the viewer's web ACL, by evaluation order. */
export const managedRuleGroups = [
  // Requests from addresses AWS threat intelligence lists for bots, scanners and DDoS.
  'AWSManagedRulesAmazonIpReputationList',
  // OWASP-style protections (bad user agents, path traversal, oversized parts, XSS patterns).
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j, Java deserialization, ...).
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

export interface ViewerWebAclProps {
  /** Requests per 5 minutes from one client IP address before it is blocked. */
  rateLimitPer5Minutes: number;
}

/**
 * A WAF web ACL for the viewer's CloudFront distribution: the AWS managed rule groups above, then a rate-based rule
 * per client IP. Scope CLOUDFRONT, which AWS accepts only in us-east-1 (the settings refuse other regions). The
 * viewer's data requests go to HealthImaging directly, so this protects the static files and the cost of serving them.
 */
export class ViewerWebAcl extends Construct {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: ViewerWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managedRules: CfnWebACL.RuleProperty[] = managedRuleGroups.map((name, priority) => ({
      name,
      priority,
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      overrideAction: { none: {} },
      visibilityConfig: visibility(name),
    }));
    const webAcl = new CfnWebACL(this, 'Resource', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'OHIF viewer: AWS managed rule groups and a rate limit per client IP',
      visibilityConfig: visibility('ohif-viewer'),
      rules: [
        ...managedRules,
        {
          name: 'RateLimitPerIp',
          priority: managedRules.length,
          statement: {
            rateBasedStatement: { limit: props.rateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          action: { block: {} },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
    this.webAclArn = webAcl.attrArn;
  }
}
