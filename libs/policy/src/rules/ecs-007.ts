/**
 * ECS-007: containers have a read-only root filesystem (writable paths are volumes).
 * Equivalents: Checkov CKV_AWS_336, Security Hub ECS.5.
 */
import { isTrue } from '../support/attributes';
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

export const ecs007: PolicyRule = {
  id: 'ECS-007',
  description: 'Containers have readonlyRootFilesystem true',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['Checkov CKV_AWS_336', 'Security Hub ECS.5'],
  check: (task) => checkContainers(task, (c) => (isTrue(c.readonlyRootFilesystem) ? undefined : 'readonlyRootFilesystem is not true')),
};
