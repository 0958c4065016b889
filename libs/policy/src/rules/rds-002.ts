/**
 * RDS-002: databases are not publicly accessible. With publicly_accessible true, RDS gives the
 * instance a public address and a DNS name that resolves to it; one security group change
 * away from the internet.
 * Equivalents: Checkov CKV_AWS_17; cdk-nag NIST.800.53.R5 RDSInstancePublicAccess;
 * Security Hub RDS.2.
 */
import { isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_CLUSTER_INSTANCE, DB_INSTANCE } from '../support/rds';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const rds002: PolicyRule = {
  id: 'RDS-002',
  description: 'RDS instances, Aurora instances and Multi-AZ DB clusters are not publicly_accessible',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_AWS_17', 'cdk-nag NIST.800.53.R5 RDSInstancePublicAccess', 'Security Hub RDS.2'],
  check: (db) =>
    isTrue(db.config.publicly_accessible) ? nonCompliant('publicly_accessible is true: the database gets a public address') : compliant(),
};
