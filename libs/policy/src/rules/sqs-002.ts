/**
 * SQS-002: a message that cannot be processed ends up in a dead-letter queue instead of being
 * retried until it expires (and lost): the queue has a redrive_policy, inline or as an
 * aws_sqs_queue_redrive_policy. A queue that is itself a dead-letter queue (some queue's
 * redrive policy targets it, or it has a redrive allow policy) needs none.
 * Equivalents: cdk-nag AwsSolutions-SQS3, cdk-nag Serverless SQSRedrivePolicy.
 */
import { references } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule, type ResourceView, type RuleContext } from '../types';

const hasTarget = (policy: unknown): boolean => typeof policy === 'string' && policy.includes('deadLetterTargetArn');

/** Every redrive policy of the stack: inline on queues and in aws_sqs_queue_redrive_policy. */
function redrivePolicies(context: RuleContext): unknown[] {
  return [
    ...context.ofType('aws_sqs_queue').map((queue) => queue.config.redrive_policy),
    ...context.ofType('aws_sqs_queue_redrive_policy').map((resource) => resource.config.redrive_policy),
  ];
}

function isDeadLetterQueue(queue: ResourceView, context: RuleContext): boolean {
  if (queue.config.redrive_allow_policy !== undefined) return true;
  if (context.ofType('aws_sqs_queue_redrive_allow_policy').some((allow) => references(allow.config.queue_url, queue.address))) return true;
  return redrivePolicies(context).some((policy) => references(policy, queue.address));
}

export const sqs002: PolicyRule = {
  id: 'SQS-002',
  description: 'SQS queues have a dead-letter queue (redrive_policy or aws_sqs_queue_redrive_policy), unless they are one',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sqs_queue'],
  equivalents: ['cdk-nag AwsSolutions-SQS3', 'cdk-nag Serverless SQSRedrivePolicy'],
  check: (queue, context) => {
    if (hasTarget(queue.config.redrive_policy)) return compliant();
    const separate = context.ofType('aws_sqs_queue_redrive_policy').some((policy) => references(policy.config.queue_url, queue.address) && hasTarget(policy.config.redrive_policy));
    if (separate || isDeadLetterQueue(queue, context)) return compliant();
    return nonCompliant('no redrive_policy with a deadLetterTargetArn: a message that keeps failing is retried until it expires, then lost');
  },
};
