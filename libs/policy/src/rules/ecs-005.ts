/**
 * ECS-005: tasks get no public IP; they live in private subnets and reach the internet
 * through NAT or VPC endpoints.
 * Equivalents: Checkov CKV_AWS_333, Security Hub ECS.2.
 */
import { blocks, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecs005: PolicyRule = {
  id: 'ECS-005',
  description: 'ECS services do not assign public IPs to tasks (network_configuration.assign_public_ip)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['Checkov CKV_AWS_333', 'Security Hub ECS.2'],
  check: (service) =>
    blocks(service.config.network_configuration).some((network) => isTrue(network.assign_public_ip))
      ? nonCompliant('network_configuration.assign_public_ip is true')
      : compliant(),
};
