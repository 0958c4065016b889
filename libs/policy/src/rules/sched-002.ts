/**
 * SCHED-002: a schedule says what happens when its target cannot be invoked: a retry policy
 * (target.retry_policy) and a dead-letter queue (target.dead_letter_config) where the failed
 * invocation lands with its error. Without them EventBridge Scheduler retries for up to 24
 * hours (185 attempts) and then drops the invocation with no record but a metric: a nightly
 * job that did not run goes unnoticed.
 * Equivalents: none known (AWS EventBridge Scheduler guide: configuring a dead-letter queue).
 */
import { blocks } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const sched002: PolicyRule = {
  id: 'SCHED-002',
  description: 'Schedules have a retry policy and a dead-letter queue (target.retry_policy, target.dead_letter_config)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_scheduler_schedule'],
  equivalents: ['AWS EventBridge Scheduler guide: dead-letter queues'],
  check: (schedule) => {
    const targets = blocks(schedule.config.target);
    const missing = [
      ...(targets.some((target) => blocks(target.retry_policy).length > 0) ? [] : ['target.retry_policy']),
      ...(targets.some((target) => blocks(target.dead_letter_config).some((dlq) => typeof dlq.arn === 'string' && dlq.arn !== '')) ? [] : ['target.dead_letter_config']),
    ];
    return missing.length === 0
      ? compliant()
      : nonCompliant(`no ${missing.join(' and no ')}: a failed invocation is retried for up to a day and then dropped without a record`);
  },
};
