/**
 * ALB-006: production load balancers write access logs (to S3).
 * Equivalents: Checkov CKV_AWS_91, cdk-nag AwsSolutions-ELB2, Security Hub ELB.5.
 */
import { block, isTrue } from '../support/attributes';
import { LB_TYPES } from '../support/load-balancers';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const alb006: PolicyRule = {
  id: 'ALB-006',
  description: 'Production load balancers have access_logs enabled with a bucket',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [...LB_TYPES],
  equivalents: ['Checkov CKV_AWS_91', 'cdk-nag AwsSolutions-ELB2', 'Security Hub ELB.5'],
  check: (lb) => {
    const logs = block(lb.config.access_logs);
    if (!logs || !logs.bucket) return nonCompliant('access_logs has no bucket');
    // The provider's default for `enabled` is true once a bucket is named.
    return logs.enabled === undefined || isTrue(logs.enabled) ? compliant() : nonCompliant('access_logs.enabled is false');
  },
};
