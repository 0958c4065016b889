/**
 * RDS-007: production databases survive the loss of an availability zone. An RDS instance
 * sets multi_az true (a standby in another zone); an Aurora cluster has at least two
 * instances (a writer and a reader to fail over to; Aurora storage is replicated across
 * zones, but its compute is not); a Multi-AZ DB cluster (db_cluster_instance_class) and
 * Aurora Serverless v1 are multi-AZ by construction.
 * Production tier (docs/design.md decision 6).
 * Equivalents: Checkov CKV_AWS_157; cdk-nag AwsSolutions-RDS3, NIST.800.53.R5
 * RDSMultiAZSupport; Security Hub RDS.5, RDS.15.
 */
import { isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE, isAuroraInstance, membersOf } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const rds007: PolicyRule = {
  id: 'RDS-007',
  description: 'Production RDS instances are multi_az; production Aurora clusters have two instances or more',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_AWS_157', 'cdk-nag AwsSolutions-RDS3', 'cdk-nag NIST.800.53.R5 RDSMultiAZSupport', 'Security Hub RDS.5, RDS.15'],
  check: (db, context) => {
    if (db.type === DB_INSTANCE) {
      if (isAuroraInstance(db)) return notApplicable();
      return isTrue(db.config.multi_az) ? compliant() : nonCompliant('multi_az is not true: losing its availability zone stops the database');
    }
    if (db.config.db_cluster_instance_class || db.config.engine_mode === 'serverless') return compliant();
    const members = membersOf(context, db);
    return members.length >= 2
      ? compliant()
      : nonCompliant(`the cluster has ${members.length} aws_rds_cluster_instance${members.length === 1 ? '' : 's'}: add a reader in another availability zone to fail over to`);
  },
};
