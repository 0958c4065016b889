/**
 * KMS-001: symmetric KMS keys rotate their key material yearly.
 * Equivalents: Checkov CKV_AWS_7, cdk-nag AwsSolutions-KMS5, Security Hub KMS.4.
 */
import { isTrue } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const kms001: PolicyRule = {
  id: 'KMS-001',
  description: 'Symmetric KMS keys have enable_key_rotation true',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_kms_key'],
  equivalents: ['Checkov CKV_AWS_7', 'cdk-nag AwsSolutions-KMS5', 'Security Hub KMS.4'],
  check: (key) => {
    const spec = key.config.customer_master_key_spec ?? key.config.key_spec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return notApplicable();
    return isTrue(key.config.enable_key_rotation) ? compliant() : nonCompliant('enable_key_rotation is not true');
  },
};
