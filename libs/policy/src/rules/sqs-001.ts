/**
 * SQS-001: queues are encrypted at rest: SSE-SQS (sqs_managed_sse_enabled) or a KMS key
 * (kms_master_key_id). Messages can carry anything a service puts in them.
 * Equivalents: Checkov CKV_AWS_27; cdk-nag AwsSolutions-SQS2; Security Hub SQS.1.
 */
import { isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const sqs001: PolicyRule = {
  id: 'SQS-001',
  description: 'SQS queues have server-side encryption (sqs_managed_sse_enabled true, or kms_master_key_id)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sqs_queue'],
  equivalents: ['Checkov CKV_AWS_27', 'cdk-nag AwsSolutions-SQS2', 'Security Hub SQS.1'],
  check: (queue) =>
    queue.config.kms_master_key_id || isTrue(queue.config.sqs_managed_sse_enabled)
      ? compliant()
      : nonCompliant('neither sqs_managed_sse_enabled true nor a kms_master_key_id: say how messages are encrypted at rest'),
};
