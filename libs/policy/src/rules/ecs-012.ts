/**
 * ECS-012: task definitions have both an execution role (pulls the image, reads the
 * secrets, writes logs) and a task role (what the application may do), and they differ.
 * Equivalents: Checkov CKV_AWS_249.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecs012: PolicyRule = {
  id: 'ECS-012',
  description: 'Task definitions have distinct execution_role_arn and task_role_arn',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['Checkov CKV_AWS_249'],
  check: (task) => {
    const { execution_role_arn: execution, task_role_arn: role } = task.config;
    if (!execution) return nonCompliant('execution_role_arn is not set');
    if (!role) return nonCompliant('task_role_arn is not set');
    return JSON.stringify(execution) === JSON.stringify(role) ? nonCompliant('execution_role_arn and task_role_arn are the same role') : compliant();
  },
};
