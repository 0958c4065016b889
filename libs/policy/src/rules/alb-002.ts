/**
 * ALB-002: every application load balancer serves HTTPS (has a listener with protocol HTTPS).
 * Production tier (docs/design.md decision 6).
 * Equivalents: Checkov CKV_AWS_2, cdk-nag NIST.800.53.R5 ELBTlsHttpsListenersOnly.
 */
import { isApplicationLoadBalancer, LB_TYPES, listenersOf } from '../support/load-balancers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb002: PolicyRule = {
  id: 'ALB-002',
  description: 'Application load balancers have an HTTPS listener',
  severity: 'high',
  tiers: ['production'],
  resourceTypes: [...LB_TYPES],
  equivalents: ['Checkov CKV_AWS_2', 'cdk-nag NIST.800.53.R5 ELBTlsHttpsListenersOnly'],
  check: (lb, context) => {
    if (!isApplicationLoadBalancer(lb)) return notApplicable();
    return listenersOf(context, lb).some((listener) => listener.config.protocol === 'HTTPS')
      ? compliant()
      : nonCompliant('no HTTPS listener');
  },
};
