/**
 * SM-001: production secrets are encrypted with a customer managed KMS key, whose key policy
 * says who may decrypt and whose use CloudTrail records per key: Secrets Manager secrets
 * (kms_key_id, and each replica's), and the master user secrets RDS manages
 * (manage_master_user_password with master_user_secret_kms_key_id). Without one, the secret
 * is under aws/secretsmanager, which any principal of the account allowed
 * secretsmanager:GetSecretValue can use.
 * Production tier (docs/design.md decision 6).
 * Equivalents: Checkov CKV_AWS_149; cdk-nag NIST.800.53.R5 SecretsManagerUsingKMSKey (AWS
 * Config secretsmanager-using-cmk).
 */
import { blocks, isTrue } from '../support/attributes';
import { DB_CLUSTER, DB_INSTANCE } from '../support/rds';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const customerKey = (key: unknown): boolean => typeof key === 'string' && key !== '' && !/(^|:)alias\/aws\//.test(key) && key !== 'aws/secretsmanager';

export const sm001: PolicyRule = {
  id: 'SM-001',
  description: 'Production Secrets Manager secrets (and RDS-managed master user secrets) use a customer managed KMS key',
  severity: 'medium',
  tiers: ['production'],
  resourceTypes: ['aws_secretsmanager_secret', DB_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_AWS_149', 'cdk-nag NIST.800.53.R5 SecretsManagerUsingKMSKey'],
  check: (resource) => {
    if (resource.type !== 'aws_secretsmanager_secret') {
      if (!isTrue(resource.config.manage_master_user_password)) return notApplicable();
      return customerKey(resource.config.master_user_secret_kms_key_id)
        ? compliant()
        : nonCompliant('manage_master_user_password without master_user_secret_kms_key_id: RDS keeps the master password under aws/secretsmanager');
    }
    const problems: string[] = [];
    if (!customerKey(resource.config.kms_key_id)) problems.push('kms_key_id is not a customer managed key (the secret is under aws/secretsmanager)');
    const replicas = blocks(resource.config.replica).filter((replica) => !customerKey(replica.kms_key_id));
    if (replicas.length > 0) problems.push(`replicas in ${replicas.map((replica) => String(replica.region)).join(', ')} have no customer managed kms_key_id`);
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
