/**
 * RDS-005: production databases survive a mistaken destroy: deletion_protection true, and a
 * final snapshot on deletion (skip_final_snapshot not true, with a final_snapshot_identifier;
 * without one, Terraform cannot delete the database at all). A read replica holds no data of
 * its own and takes no final snapshot: only its deletion protection is checked.
 * Production tier (docs/design.md decision 6).
 * Equivalents: Checkov CKV_AWS_293, CKV_AWS_139; cdk-nag AwsSolutions-RDS10, NIST.800.53.R5
 * RDSInstanceDeletionProtectionEnabled; Security Hub RDS.8, RDS.7.
 */
import { isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE, isAuroraInstance, isReplica } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const rds005: PolicyRule = {
  id: 'RDS-005',
  description: 'Production RDS instances and Aurora clusters have deletion_protection true and take a final snapshot (skip_final_snapshot false, final_snapshot_identifier)',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: [
    'Checkov CKV_AWS_293, CKV_AWS_139',
    'cdk-nag AwsSolutions-RDS10',
    'cdk-nag NIST.800.53.R5 RDSInstanceDeletionProtectionEnabled',
    'Security Hub RDS.8, RDS.7',
  ],
  check: (db) => {
    if (isAuroraInstance(db)) return notApplicable();
    const problems: string[] = [];
    if (!isTrue(db.config.deletion_protection)) problems.push('deletion_protection is not true');
    if (!(db.type === DB_INSTANCE && isReplica(db))) {
      if (isTrue(db.config.skip_final_snapshot)) problems.push('skip_final_snapshot is true: deleting it loses the data');
      else if (!db.config.final_snapshot_identifier) problems.push('no final_snapshot_identifier: Terraform cannot take the final snapshot, so it cannot delete it either');
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
