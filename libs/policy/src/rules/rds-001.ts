/**
 * RDS-001: RDS instances and Aurora clusters encrypt their storage (and with it automated
 * backups, snapshots and replicas). Encryption is chosen at creation: an unencrypted database
 * must be snapshotted, copied encrypted and restored to be fixed.
 * An Aurora instance (`aws_rds_cluster_instance`, or an `aws_db_instance` of an aurora engine)
 * takes its cluster's encryption and is checked on the cluster; a read replica takes its
 * source's (checked on the source when the stack defines it). Aurora Serverless v1 is always
 * encrypted.
 * Equivalents: Checkov CKV_AWS_16, CKV_AWS_96; cdk-nag AwsSolutions-RDS2, NIST.800.53.R5
 * RDSStorageEncrypted; Security Hub RDS.3, RDS.27.
 */
import { isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE, isAuroraInstance, isReplica, sourceOf } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule, type ResourceView } from '../types';

const encrypted = (db: ResourceView): boolean => isTrue(db.config.storage_encrypted);

export const rds001: PolicyRule = {
  id: 'RDS-001',
  description: 'RDS instances and Aurora clusters have storage_encrypted true',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: [
    'Checkov CKV_AWS_16, CKV_AWS_96',
    'cdk-nag AwsSolutions-RDS2',
    'cdk-nag NIST.800.53.R5 RDSStorageEncrypted',
    'Security Hub RDS.3, RDS.27',
  ],
  check: (db, context) => {
    if (db.type === DB_CLUSTER) {
      if (db.config.engine_mode === 'serverless') return compliant();
      return encrypted(db) ? compliant() : nonCompliant('storage_encrypted is not true: the cluster, its backups and snapshots are stored unencrypted');
    }
    if (isAuroraInstance(db)) return notApplicable();
    if (encrypted(db)) return compliant();
    if (isReplica(db)) {
      const source = sourceOf(context, db);
      if (source && encrypted(source)) return compliant();
      if (db.config.kms_key_id) return compliant();
      return nonCompliant(
        source
          ? `its source ${source.address} is not encrypted, so neither is the replica`
          : 'a replica of a source outside the stack: set storage_encrypted true (and kms_key_id for a cross-region replica)',
      );
    }
    return nonCompliant('storage_encrypted is not true: the instance, its backups and snapshots are stored unencrypted');
  },
};
