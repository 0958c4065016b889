/**
 * ECS-009: task definitions do not share the host's process or IPC namespace.
 * Equivalents: Checkov CKV_AWS_335 (pid_mode), Security Hub ECS.3.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecs009: PolicyRule = {
  id: 'ECS-009',
  description: 'Task definitions do not use host pid_mode or ipc_mode',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['Checkov CKV_AWS_335', 'Security Hub ECS.3'],
  check: (task) => {
    const shared = (['pid_mode', 'ipc_mode'] as const).filter((key) => task.config[key] === 'host');
    return shared.length > 0 ? nonCompliant(`${shared.join(' and ')} is "host"`) : compliant();
  },
};
