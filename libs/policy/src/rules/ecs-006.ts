/**
 * ECS-006: containers run as a non-root user: `user` is set and is not root or uid 0.
 * Equivalents: AWS ECS best practices guide (security: run as non-root); cdk-nag NIST
 * ECSTaskDefinitionUserForHostMode (host network mode only); Trivy AVD-DS-0002 for images.
 */
import { checkContainers } from '../support/containers';
import { type PolicyRule } from '../types';

const ROOT = /^(root|0)(:.*)?$/;

export const ecs006: PolicyRule = {
  id: 'ECS-006',
  description: 'Containers run as a non-root user (user set, not root or 0)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['AWS ECS best practices guide: non-root user', 'cdk-nag NIST.800.53.R5 ECSTaskDefinitionUserForHostMode'],
  check: (task) =>
    checkContainers(task, (container) => {
      if (typeof container.user !== 'string' || container.user.trim() === '') return 'user is not set (runs as the image default, usually root)';
      return ROOT.test(container.user.trim()) ? `user is "${container.user}"` : undefined;
    }),
};
