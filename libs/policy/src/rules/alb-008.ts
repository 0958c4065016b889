/**
 * ALB-008: a production internet-facing application load balancer is behind AWS WAF: an
 * aws_wafv2_web_acl_association names it (resource_arn). The load balancer is the one
 * public entry (NET-004); without a web ACL every request, injection and bot traffic
 * included, reaches the tasks.
 * Production tier (docs/design.md decision 6); internal load balancers are not applicable.
 * Equivalents: Checkov CKV2_AWS_28; cdk-nag NIST.800.53.R5 ALBWAFEnabled; Security Hub ELB.16.
 */
import { isTrue, references } from '../support/attributes';
import { isApplicationLoadBalancer, LB_TYPES } from '../support/load-balancers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb008: PolicyRule = {
  id: 'ALB-008',
  description: 'Production internet-facing application load balancers have an aws_wafv2_web_acl_association',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [...LB_TYPES],
  equivalents: ['Checkov CKV2_AWS_28', 'cdk-nag NIST.800.53.R5 ALBWAFEnabled', 'Security Hub ELB.16'],
  check: (lb, context) => {
    if (!isApplicationLoadBalancer(lb) || isTrue(lb.config.internal)) return notApplicable();
    return context.ofType('aws_wafv2_web_acl_association').some((association) => references(association.config.resource_arn, lb.address))
      ? compliant()
      : nonCompliant('internet-facing with no aws_wafv2_web_acl_association: every request reaches the targets unfiltered');
  },
};
