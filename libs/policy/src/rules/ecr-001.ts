/**
 * ECR-001: repositories have immutable tags, so a tag pinned in a definition always names
 * the same image (docs/design.md decision 5).
 * Equivalents: Checkov CKV_AWS_51, Security Hub ECR.2.
 */
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecr001: PolicyRule = {
  id: 'ECR-001',
  description: 'ECR repositories have image_tag_mutability IMMUTABLE',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecr_repository'],
  equivalents: ['Checkov CKV_AWS_51', 'Security Hub ECR.2'],
  check: (repository) =>
    repository.config.image_tag_mutability === 'IMMUTABLE'
      ? compliant()
      : nonCompliant(`image_tag_mutability is ${String(repository.config.image_tag_mutability ?? 'MUTABLE (default)')}`),
};
