/**
 * ECS-017: a task definition depends on the policies of its task and execution roles. The task
 * definition references the roles, not their policies, so Terraform may register it, and start
 * the service's first tasks, while a role still has no permissions: the execution role cannot
 * pull the image or read a secret, the task role lacks what the application (or ECS Exec)
 * needs, and each failed task counts toward the deployment circuit breaker.
 * Equivalents: none known.
 */
import { referencedAddresses, references, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_role_policy_attachment'];

export const ecs017: PolicyRule = {
  id: 'ECS-017',
  description: 'ECS task definitions depend on the policies of their task and execution roles',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['none (ordering the graph cannot infer)'],
  check: (taskDefinition, context) => {
    const roles = ['task_role_arn', 'execution_role_arn'].flatMap((attribute) =>
      referencedAddresses(taskDefinition.config[attribute], 'aws_iam_role'),
    );
    if (roles.length === 0) return notApplicable();
    const dependsOn = new Set(strings(taskDefinition.config.depends_on));
    const missing = POLICY_TYPES.flatMap((type) => context.ofType(type))
      .filter((policy) => roles.some((role) => references(policy.config.role, role)))
      .filter((policy) => !dependsOn.has(policy.address))
      .map((policy) => policy.address);
    return missing.length > 0
      ? nonCompliant(`the task definition does not depend on ${missing.join(', ')}: its first tasks may start before the role may act`)
      : compliant();
  },
};
