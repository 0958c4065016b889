/**
 * SNS-001: SNS topics are encrypted at rest with KMS.
 * Equivalents: Checkov CKV_AWS_26, cdk-nag NIST.800.53.R5 SNSEncryptedKMS, Security Hub SNS.1.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const sns001: PolicyRule = {
  id: 'SNS-001',
  description: 'SNS topics set kms_master_key_id',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_sns_topic'],
  equivalents: ['Checkov CKV_AWS_26', 'cdk-nag NIST.800.53.R5 SNSEncryptedKMS', 'Security Hub SNS.1'],
  check: (topic) => (topic.config.kms_master_key_id ? compliant() : nonCompliant('kms_master_key_id is not set')),
};
