/**
 * ECS-004: production deployments keep full capacity: new tasks start before old ones stop
 * (deployment_minimum_healthy_percent >= 100). docs/design.md decision 6.
 * Equivalents: AWS ECS best practices guide (deployments: minimumHealthyPercent); no Checkov
 * or cdk-nag rule.
 */
import { numberOf } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecs004: PolicyRule = {
  id: 'ECS-004',
  description: 'Production ECS services deploy with deployment_minimum_healthy_percent of at least 100',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['AWS ECS best practices guide: minimum healthy percent'],
  check: (service) => {
    const minimum = numberOf(service.config.deployment_minimum_healthy_percent);
    // The ECS default for rolling deployments is 100 when unset.
    return minimum === undefined || minimum >= 100
      ? compliant()
      : nonCompliant(`deployment_minimum_healthy_percent is ${minimum}`);
  },
};
