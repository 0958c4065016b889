/**
 * ECS-008: no privileged containers.
 * Equivalents: Checkov CKV_AWS_334, Security Hub ECS.4.
 */
import { isTrue } from '../support/attributes';
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

export const ecs008: PolicyRule = {
  id: 'ECS-008',
  description: 'Containers are not privileged',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['Checkov CKV_AWS_334', 'Security Hub ECS.4'],
  check: (task) => checkContainers(task, (c) => (isTrue(c.privileged) ? 'privileged is true' : undefined)),
};
