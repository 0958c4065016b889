/**
 * ALB-004: application load balancers drop invalid HTTP header fields (request smuggling
 * and header injection defence).
 * Equivalents: Checkov CKV_AWS_131 (ALBDropHttpHeaders), Security Hub ELB.4.
 */
import { isTrue } from '../support/attributes';
import { isApplicationLoadBalancer, LB_TYPES } from '../support/load-balancers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb004: PolicyRule = {
  id: 'ALB-004',
  description: 'Application load balancers have drop_invalid_header_fields true',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: [...LB_TYPES],
  equivalents: ['Checkov CKV_AWS_131', 'Security Hub ELB.4'],
  check: (lb) => {
    if (!isApplicationLoadBalancer(lb)) return notApplicable();
    return isTrue(lb.config.drop_invalid_header_fields) ? compliant() : nonCompliant('drop_invalid_header_fields is not true');
  },
};
