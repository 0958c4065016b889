/**
 * RDS-006: production databases keep automated backups for at least 7 days
 * (backup_retention_period >= 7, set explicitly): point-in-time restore over a week, enough
 * to notice a bad migration or a deleted table after a weekend. Read replicas and Aurora
 * instances take their backups from their source or cluster.
 * Production tier (docs/design.md decision 6).
 * Equivalents: Checkov CKV_AWS_133 (retention > 0); cdk-nag AwsSolutions-RDS13,
 * NIST.800.53.R5 RDSInstanceBackupEnabled; Security Hub RDS.11 (backupRetentionMinimum 7).
 */
import { numberOf } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE, ownsStorage } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const MIN_BACKUP_RETENTION_DAYS = 7;

export const rds006: PolicyRule = {
  id: 'RDS-006',
  description: `Production RDS instances and Aurora clusters set backup_retention_period to ${MIN_BACKUP_RETENTION_DAYS} days or more`,
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_AWS_133', 'cdk-nag AwsSolutions-RDS13', 'cdk-nag NIST.800.53.R5 RDSInstanceBackupEnabled', 'Security Hub RDS.11'],
  check: (db) => {
    if (db.type === DB_INSTANCE && !ownsStorage(db)) return notApplicable();
    const raw = db.config.backup_retention_period;
    const days = numberOf(raw);
    if (raw === undefined) return nonCompliant(`backup_retention_period is not set (the default keeps 1 day or none); set it to ${MIN_BACKUP_RETENTION_DAYS} or more`);
    if (days === undefined) return nonCompliant(`backup_retention_period is not a literal number (${String(raw)}): it cannot be checked`);
    return days >= MIN_BACKUP_RETENTION_DAYS ? compliant() : nonCompliant(`backup_retention_period is ${days}: keep at least ${MIN_BACKUP_RETENTION_DAYS} days`);
  },
};
