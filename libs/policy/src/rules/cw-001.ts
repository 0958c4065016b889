/**
 * CW-001: CloudWatch alarms notify someone: actions are enabled and the alarm has at least
 * one alarm action (an SNS topic, or a scaling policy).
 * Equivalents: Checkov CKV_AWS_319 (CloudWatch alarm actions enabled), cdk-nag
 * NIST.800.53.R5 CloudWatchAlarmAction.
 */
import { strings } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const cw001: PolicyRule = {
  id: 'CW-001',
  description: 'CloudWatch alarms have actions_enabled and at least one alarm_actions target',
  severity: 'low',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_cloudwatch_metric_alarm'],
  equivalents: ['Checkov CKV_AWS_319', 'cdk-nag NIST.800.53.R5 CloudWatchAlarmAction'],
  check: (alarm) => {
    if (alarm.config.actions_enabled === false || alarm.config.actions_enabled === 'false') return nonCompliant('actions_enabled is false');
    return strings(alarm.config.alarm_actions).length > 0 ? compliant() : nonCompliant('alarm_actions is empty');
  },
};
