/**
 * ECR-004: every repository has a lifecycle policy, so untagged and old images expire.
 * Equivalents: Security Hub ECR.3 (at least one lifecycle policy), AWS Config
 * ecr-private-lifecycle-policy-configured.
 */
import { referencing } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ecr004: PolicyRule = {
  id: 'ECR-004',
  description: 'ECR repositories have an aws_ecr_lifecycle_policy',
  severity: 'low',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecr_repository'],
  equivalents: ['Security Hub ECR.3', 'AWS Config ecr-private-lifecycle-policy-configured'],
  check: (repository, context) =>
    referencing(context, 'aws_ecr_lifecycle_policy', 'repository', repository).length > 0
      ? compliant()
      : nonCompliant('no aws_ecr_lifecycle_policy references this repository'),
};
