/**
 * SCHED-001: a schedule that starts ECS tasks (an EventBridge Scheduler target with
 * ecs_parameters) places them as a service's: in a network configuration with its own security
 * groups and without a public IP. A scheduled job is a task like any other, started from
 * somewhere else; without these it would land in whatever subnets and groups it was given, or
 * in the default security group, or reachable from the internet.
 * Equivalents: Checkov CKV_AWS_333 (for services; none for schedules).
 */
import { blocks, isTrue, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const sched001: PolicyRule = {
  id: 'SCHED-001',
  description: 'Schedules that run ECS tasks give them a network configuration with security groups and no public IP',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_scheduler_schedule'],
  equivalents: ['Checkov CKV_AWS_333 (services only)'],
  check: (schedule) => {
    const ecs = blocks(schedule.config.target).flatMap((target) => blocks(target.ecs_parameters));
    if (ecs.length === 0) return notApplicable();
    const networks = ecs.flatMap((parameters) => blocks(parameters.network_configuration));
    if (networks.length === 0) return nonCompliant('target.ecs_parameters has no network_configuration: the tasks get no chosen subnets or security groups');
    if (networks.some((network) => isTrue(network.assign_public_ip))) return nonCompliant('target.ecs_parameters.network_configuration.assign_public_ip is true');
    if (networks.some((network) => strings(network.security_groups).length === 0)) {
      return nonCompliant('target.ecs_parameters.network_configuration names no security_groups: the tasks would get the VPC\'s default group');
    }
    return compliant();
  },
};
