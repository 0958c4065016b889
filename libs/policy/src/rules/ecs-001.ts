/**
 * ECS-001: clusters have Container Insights on (`setting { name = "containerInsights",
 * value = "enabled" | "enhanced" }`).
 * Equivalents: Checkov CKV_AWS_65, cdk-nag AwsSolutions-ECS4, Security Hub ECS.12.
 */
import { blocks } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecs001: PolicyRule = {
  id: 'ECS-001',
  description: 'ECS clusters have Container Insights enabled',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_cluster'],
  equivalents: ['Checkov CKV_AWS_65', 'cdk-nag AwsSolutions-ECS4', 'Security Hub ECS.12'],
  check: (cluster) => {
    const setting = blocks(cluster.config.setting).find((s) => s.name === 'containerInsights');
    return setting && (setting.value === 'enabled' || setting.value === 'enhanced')
      ? compliant()
      : nonCompliant(`containerInsights is ${setting ? `"${String(setting.value)}"` : 'not set'}`);
  },
};
