/**
 * LOG-002: log groups are encrypted with a customer managed KMS key.
 * Equivalents: Checkov CKV_AWS_158, cdk-nag NIST.800.53.R5 CloudWatchLogGroupEncrypted.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const log002: PolicyRule = {
  id: 'LOG-002',
  description: 'Log groups set kms_key_id',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  equivalents: ['Checkov CKV_AWS_158', 'cdk-nag NIST.800.53.R5 CloudWatchLogGroupEncrypted'],
  check: (group) => (group.config.kms_key_id ? compliant() : nonCompliant('kms_key_id is not set')),
};
