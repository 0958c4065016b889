/**
 * ECS-010: every container sends its logs somewhere (logConfiguration with a log driver; for
 * awslogs, a log group).
 * Equivalents: cdk-nag AwsSolutions-ECS7, Security Hub ECS.9.
 */
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

export const ecs010: PolicyRule = {
  id: 'ECS-010',
  description: 'Containers have a logConfiguration (awslogs with a log group, or another driver)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['cdk-nag AwsSolutions-ECS7', 'Security Hub ECS.9'],
  check: (task) =>
    checkContainers(task, (c) => {
      const driver = c.logConfiguration?.logDriver;
      if (typeof driver !== 'string' || driver === '') return 'logConfiguration.logDriver is not set';
      if (driver === 'awslogs' && !c.logConfiguration?.options?.['awslogs-group']) return 'awslogs without awslogs-group';
      return undefined;
    }),
};
