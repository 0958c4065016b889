/**
 * CACHE-001: ElastiCache replication groups (Redis OSS, Valkey) encrypt data at rest
 * (at_rest_encryption_enabled: disk during sync, backup and swap, and backups in S3) and in
 * transit (transit_encryption_enabled, with transit_encryption_mode not "preferred", which
 * still accepts clients in clear text). Both are chosen at creation for at rest.
 * A member of a global datastore (global_replication_group_id) takes both from it.
 * Equivalents: Checkov CKV_AWS_29, CKV_AWS_30; cdk-nag AwsSolutions-AEC3; Security Hub
 * ElastiCache.4, ElastiCache.5.
 */
import { isTrue } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const cache001: PolicyRule = {
  id: 'CACHE-001',
  description: 'ElastiCache replication groups have at_rest_encryption_enabled and transit_encryption_enabled (mode not preferred)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_elasticache_replication_group'],
  equivalents: ['Checkov CKV_AWS_29, CKV_AWS_30', 'cdk-nag AwsSolutions-AEC3', 'Security Hub ElastiCache.4, ElastiCache.5'],
  check: (group) => {
    if (group.config.global_replication_group_id) return notApplicable();
    const problems: string[] = [];
    if (!isTrue(group.config.at_rest_encryption_enabled)) problems.push('at_rest_encryption_enabled is not true');
    if (!isTrue(group.config.transit_encryption_enabled)) problems.push('transit_encryption_enabled is not true');
    else if (group.config.transit_encryption_mode === 'preferred') problems.push('transit_encryption_mode is "preferred": clients may still connect in clear text; use "required"');
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
