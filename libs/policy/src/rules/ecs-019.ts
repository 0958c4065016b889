/**
 * ECS-019: a task definition depends on the log groups of the stack its containers log to.
 * The awslogs driver names its group by a string, so Terraform sees no edge from the task
 * definition (or the service or schedule that starts its tasks) to the group: on an apply
 * that adds both, a task may start before its group exists, fail with "The specified log
 * group does not exist", and count toward the deployment circuit breaker, whose rollback of a
 * new service has nothing to roll back to. A reference to the group in the container
 * definitions orders them as well.
 * Equivalents: none known.
 */
import { references, strings } from '../support/attributes';
import { containersOf } from '../support/containers';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs019: PolicyRule = {
  id: 'ECS-019',
  description: 'ECS task definitions depend on the log groups of the stack their containers log to',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_task_definition'],
  equivalents: ['none (ordering the graph cannot infer)'],
  check: (taskDefinition, context) => {
    const parsed = containersOf(taskDefinition);
    if (!parsed.ok) return notApplicable();
    const groupNames = new Set(
      parsed.containers
        .filter((container) => container.logConfiguration?.logDriver === 'awslogs')
        .map((container) => container.logConfiguration?.options?.['awslogs-group'])
        .filter((name): name is string => typeof name === 'string'),
    );
    // A group named by its literal name has no edge; one named by a reference to it has.
    const groups = context
      .ofType('aws_cloudwatch_log_group')
      .filter((group) => (typeof group.config.name === 'string' && groupNames.has(group.config.name)) || [...groupNames].some((name) => references(name, group.address)));
    if (groups.length === 0) return notApplicable();
    const dependsOn = new Set(strings(taskDefinition.config.depends_on));
    const missing = groups
      .filter((group) => !dependsOn.has(group.address) && !references(taskDefinition.config.container_definitions, group.address))
      .map((group) => group.address);
    return missing.length > 0
      ? nonCompliant(`the task definition does not depend on ${missing.join(', ')}: its first tasks may start before the log group exists`)
      : compliant();
  },
};
