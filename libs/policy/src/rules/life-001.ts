/**
 * LIFE-001: resources that are replaced when some of their attributes change are created
 * before the old ones are destroyed, where AWS allows two to exist at once. Without it a
 * replacement is destroy-then-create, and the destroy blocks: a security group still attached
 * to running tasks (DependencyViolation), a target group still behind a listener rule
 * (ResourceInUse), a task definition revision the service still runs. A security group with a
 * fixed `name` cannot be created before the old one goes (names are unique in a VPC): it needs
 * `name_prefix`. A task definition also keeps its old revisions (skip_destroy), which a
 * circuit breaker rollback returns to.
 * Equivalents: none known (lifecycle is not checked by Checkov or cdk-nag).
 */
import { block, isTrue } from '../support/attributes';
import { compliant, firstFailure, nonCompliant, type PolicyRule } from '../types';

export const life001: PolicyRule = {
  id: 'LIFE-001',
  description: 'Security groups (with name_prefix), target groups and task definitions have create_before_destroy; task definitions keep old revisions',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_security_group', 'aws_lb_target_group', 'aws_ecs_task_definition'],
  equivalents: ['none (lifecycle settings)'],
  check: (resource) => {
    const cbd = isTrue(block(resource.config.lifecycle)?.create_before_destroy)
      ? compliant()
      : nonCompliant('no lifecycle.create_before_destroy: a replacement would destroy it first, while it is still in use');
    const results = [cbd];
    if (resource.type === 'aws_security_group' && typeof resource.config.name === 'string') {
      results.push(nonCompliant(`has the fixed name "${resource.config.name}": a replacement could not be created beside it; use name_prefix`));
    }
    if (resource.type === 'aws_ecs_task_definition' && !isTrue(resource.config.skip_destroy)) {
      results.push(nonCompliant('skip_destroy is not true: old revisions are deregistered, and a rollback has nothing to return to'));
    }
    return firstFailure(results);
  },
};
