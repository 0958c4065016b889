/**
 * SNS-001: SNS topics are encrypted at rest with a customer managed KMS key
 * (kms_master_key_id, not the AWS managed alias/aws/sns). Beyond whose key it is: CloudWatch
 * alarms, EventBridge and most AWS services cannot publish to a topic under alias/aws/sns
 * (its key policy cannot grant them kms:GenerateDataKey), so their notifications are dropped.
 * Equivalents: Checkov CKV_AWS_26, cdk-nag NIST.800.53.R5 SNSEncryptedKMS, Security Hub SNS.1.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const sns001: PolicyRule = {
  id: 'SNS-001',
  description: 'SNS topics set kms_master_key_id to a customer managed key (not alias/aws/sns)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sns_topic'],
  equivalents: ['Checkov CKV_AWS_26', 'cdk-nag NIST.800.53.R5 SNSEncryptedKMS', 'Security Hub SNS.1'],
  check: (topic) => {
    const key = topic.config.kms_master_key_id;
    if (!key) return nonCompliant('kms_master_key_id is not set');
    if (typeof key === 'string' && /(^|:)alias\/aws\/sns$/.test(key)) {
      return nonCompliant('kms_master_key_id is the AWS managed alias/aws/sns: CloudWatch alarms and other AWS services cannot publish to the topic; use a customer managed key');
    }
    return compliant();
  },
};
