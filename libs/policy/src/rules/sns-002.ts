/**
 * SNS-002: a topic that CloudWatch alarms notify has a subscriber. Alarms nobody hears
 * protect nothing; a non-production environment may go without one with a written reason
 * (`monitoring.silenceReason`, which becomes this rule's suppression).
 * Equivalents: none known.
 */
import { references, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const sns002: PolicyRule = {
  id: 'SNS-002',
  description: 'SNS topics that alarms notify have at least one subscription',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sns_topic'],
  equivalents: ['none known'],
  check: (topic, context) => {
    const notified = context
      .ofType('aws_cloudwatch_metric_alarm')
      .some((alarm) => [...strings(alarm.config.alarm_actions), ...strings(alarm.config.ok_actions)].some((action) => references(action, topic.address)));
    if (!notified) return notApplicable();
    const subscribed = context.ofType('aws_sns_topic_subscription').some((subscription) => references(subscription.config.topic_arn, topic.address));
    return subscribed ? compliant() : nonCompliant('alarms notify it, but nobody subscribes: their notifications reach no one');
  },
};
