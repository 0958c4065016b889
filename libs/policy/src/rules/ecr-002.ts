/**
 * ECR-002: repositories scan images on push.
 * Equivalents: Checkov CKV_AWS_163,
 * Security Hub ECR.1.
 */
import { block, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecr002: PolicyRule = {
  id: 'ECR-002',
  description: 'ECR repositories have image_scanning_configuration.scan_on_push true',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecr_repository'],
  equivalents: ['Checkov CKV_AWS_163', 'Security Hub ECR.1'],
  check: (repository) =>
    isTrue(block(repository.config.image_scanning_configuration)?.scan_on_push)
      ? compliant()
      : nonCompliant('image_scanning_configuration.scan_on_push is not true'),
};
