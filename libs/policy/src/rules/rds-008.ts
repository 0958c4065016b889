/**
 * RDS-008: the master password is not a long-lived secret someone must handle: IAM database
 * authentication (iam_database_authentication_enabled, short-lived tokens from the task
 * role) or a master password managed by RDS in Secrets Manager
 * (manage_master_user_password, rotated by RDS, read by the service through `secrets`).
 * Read replicas and Aurora instances have no master password of their own.
 * Equivalents: Checkov CKV_AWS_161, CKV_AWS_162; cdk-nag AwsSolutions-RDS6 (IAM auth);
 * Security Hub RDS.10, RDS.12 (IAM auth).
 */
import { isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE, ownsStorage } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const rds008: PolicyRule = {
  id: 'RDS-008',
  description: 'RDS instances and Aurora clusters use IAM database authentication or manage_master_user_password',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_AWS_161, CKV_AWS_162', 'cdk-nag AwsSolutions-RDS6', 'Security Hub RDS.10, RDS.12'],
  check: (db) => {
    if (db.type === DB_INSTANCE && !ownsStorage(db)) return notApplicable();
    return isTrue(db.config.iam_database_authentication_enabled) || isTrue(db.config.manage_master_user_password)
      ? compliant()
      : nonCompliant('neither iam_database_authentication_enabled nor manage_master_user_password is true: the master password is a secret someone handles and rotates by hand');
  },
};
