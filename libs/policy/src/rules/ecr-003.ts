/**
 * ECR-003: repositories are encrypted with KMS (a customer managed key).
 * Equivalents: Checkov CKV_AWS_136 (ECR encrypted with KMS).
 */
import { block } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecr003: PolicyRule = {
  id: 'ECR-003',
  description: 'ECR repositories use encryption_type KMS with a kms_key',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecr_repository'],
  equivalents: ['Checkov CKV_AWS_136'],
  check: (repository) => {
    const encryption = block(repository.config.encryption_configuration);
    if (encryption?.encryption_type !== 'KMS') return nonCompliant('encryption_type is not KMS (AES256 by default)');
    return encryption.kms_key ? compliant() : nonCompliant('KMS encryption without kms_key uses the AWS managed key');
  },
};
