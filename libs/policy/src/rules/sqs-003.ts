/**
 * SQS-003: queues refuse requests without TLS: their queue policy (inline `policy` or an
 * aws_sqs_queue_policy) denies `sqs:*` (or `*`) when aws:SecureTransport is false.
 * Equivalents: cdk-nag AwsSolutions-SQS4.
 */
import { references } from '../support/attributes';
import { deniesInsecureTransport } from '../support/iam';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const sqs003: PolicyRule = {
  id: 'SQS-003',
  description: 'SQS queue policies deny requests without TLS (aws:SecureTransport false)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sqs_queue'],
  equivalents: ['cdk-nag AwsSolutions-SQS4'],
  check: (queue, context) => {
    const documents = [
      queue.config.policy,
      ...context.ofType('aws_sqs_queue_policy').filter((policy) => references(policy.config.queue_url, queue.address)).map((policy) => policy.config.policy),
    ];
    return documents.some((document) => deniesInsecureTransport(document, 'sqs'))
      ? compliant()
      : nonCompliant('no queue policy denies sqs:* with aws:SecureTransport false (aws_sqs_queue_policy on the queue, or its policy)');
  },
};
