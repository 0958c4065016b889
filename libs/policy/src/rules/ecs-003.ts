/**
 * ECS-003: services behind a load balancer give new tasks a health check grace period, so a
 * slow start is not killed by failing load balancer health checks.
 * Equivalents: AWS ECS best practices guide (load balancing: health check grace period);
 * no Checkov or cdk-nag rule.
 */
import { blocks, numberOf } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs003: PolicyRule = {
  id: 'ECS-003',
  description: 'ECS services with a load balancer set health_check_grace_period_seconds > 0',
  severity: 'low',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['AWS ECS best practices guide: health check grace period'],
  check: (service) => {
    if (blocks(service.config.load_balancer).length === 0) return notApplicable();
    const grace = numberOf(service.config.health_check_grace_period_seconds);
    return grace !== undefined && grace > 0 ? compliant() : nonCompliant('health_check_grace_period_seconds is not set above 0');
  },
};
