/**
 * Layer 1: a WAFv2 web ACL of AWS managed rule groups in front of a public load balancer.
 * The rule groups block the requests AWS's threat research keeps lists of (the OWASP-style
 * common rule set, known bad inputs such as Log4Shell probes, IP addresses with a bad
 * reputation); everything else is allowed. The policy rule ALB-008 requires one on every
 * internet-facing production load balancer.
 */
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { assertValidProps, propProblem, type PropProblem } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';

/** The AWS managed rule groups a web ACL starts with. */
export const DEFAULT_MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList'] as const;

export interface WebAclProps {
  /** Name of the web ACL and the prefix of its CloudWatch metrics; begin it with the environment's name. */
  readonly name: string;
  /** AWS managed rule groups (vendor AWS), evaluated in this order. @default DEFAULT_MANAGED_RULE_GROUPS */
  readonly managedRuleGroups?: readonly string[];
  /** Rule groups that only count matches instead of blocking, for a trial period. @default [] */
  readonly countOnly?: readonly string[];
}

export function webAclProblems(props: WebAclProps): PropProblem[] {
  const groups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
  return [
    ...(/^[\w-]{1,128}$/.test(props.name) ? [] : [propProblem(['name'], 'must be 1 to 128 letters, digits, hyphens or underscores')]),
    ...(groups.length === 0 ? [propProblem(['managedRuleGroups'], 'needs at least one rule group: a web ACL without rules allows everything')] : []),
    ...groups.flatMap((group, i) =>
      /^AWSManagedRules[A-Za-z0-9]+$/.test(group) ? [] : [propProblem(['managedRuleGroups', i], `"${group}" is not the name of an AWS managed rule group (AWSManagedRules...)`)],
    ),
    ...(props.countOnly ?? []).flatMap((group, i) =>
      groups.includes(group) ? [] : [propProblem(['countOnly', i], `"${group}" is not one of managedRuleGroups`)],
    ),
  ];
}

export class WebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    assertValidProps(this, webAclProblems(props));
    const groups = props.managedRuleGroups ?? DEFAULT_MANAGED_RULE_GROUPS;
    const counting = new Set(props.countOnly ?? []);
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: groups.map((group, i) => ({
        name: group,
        priority: i + 1,
        overrideAction: counting.has(group) ? { count: {} } : { none: {} },
        // The bindings type `statement` loosely (it nests too deep), so it is written as
        // Terraform spells it; the offline gate validates it against the provider schema.
        statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: group } },
        visibilityConfig: visibility(`${props.name}-${group}`),
      })),
      visibilityConfig: visibility(props.name),
    });
  }

  /** Puts the web ACL in front of a load balancer (or any regional resource WAF protects), by ARN. */
  protect(id: string, resourceArn: string): Wafv2WebAclAssociation {
    return new Wafv2WebAclAssociation(this, id, { resourceArn, webAclArn: this.webAcl.arn });
  }
}
