/**
 * ALB-007: HTTP/HTTPS target groups define an explicit health check (enabled, with a path),
 * so the load balancer and ECS replace tasks that stop serving.
 * Equivalents: Checkov CKV_AWS_261 (LBTargetGroupDefinesHealthCheck).
 */
import { block } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const alb007: PolicyRule = {
  id: 'ALB-007',
  description: 'HTTP/HTTPS target groups have an enabled health_check with a path',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_lb_target_group', 'aws_alb_target_group'],
  equivalents: ['Checkov CKV_AWS_261'],
  check: (group) => {
    const protocol = group.config.protocol;
    if (group.config.target_type === 'lambda' || (protocol !== undefined && protocol !== 'HTTP' && protocol !== 'HTTPS')) return notApplicable();
    const health = block(group.config.health_check);
    if (!health) return nonCompliant('no health_check block');
    if (health.enabled === false || health.enabled === 'false') return nonCompliant('health_check is disabled');
    return typeof health.path === 'string' && health.path !== '' ? compliant() : nonCompliant('health_check has no path');
  },
};
