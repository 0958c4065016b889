/**
 * ECS-002: rolling deployments of services stop and roll back on their own when new tasks
 * fail (deployment circuit breaker with rollback). Production tier (docs/design.md decision 6).
 * Equivalents: AWS ECS best practices guide (deployments: circuit breaker); no Checkov or
 * cdk-nag rule.
 */
import { block, isTrue } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs002: PolicyRule = {
  id: 'ECS-002',
  description: 'ECS services deploy with the circuit breaker enabled and rollback on',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['AWS ECS best practices guide: deployment circuit breaker'],
  check: (service) => {
    const controller = block(service.config.deployment_controller)?.type;
    if (controller !== undefined && controller !== 'ECS') return notApplicable();
    const breaker = block(service.config.deployment_circuit_breaker);
    if (!breaker || !isTrue(breaker.enable)) return nonCompliant('deployment_circuit_breaker is not enabled');
    return isTrue(breaker.rollback) ? compliant() : nonCompliant('deployment_circuit_breaker.rollback is not true');
  },
};
