/**
 * ALB-005: production load balancers have deletion protection.
 * Equivalents: Checkov CKV_AWS_150, cdk-nag NIST.800.53.R5 ELBDeletionProtectionEnabled,
 * Security Hub ELB.6.
 */
import { isTrue } from '../support/attributes';
import { LB_TYPES } from '../support/load-balancers';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const alb005: PolicyRule = {
  id: 'ALB-005',
  description: 'Production load balancers have enable_deletion_protection true',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [...LB_TYPES],
  equivalents: ['Checkov CKV_AWS_150', 'cdk-nag NIST.800.53.R5 ELBDeletionProtectionEnabled', 'Security Hub ELB.6'],
  check: (lb) => (isTrue(lb.config.enable_deletion_protection) ? compliant() : nonCompliant('enable_deletion_protection is not true')),
};
