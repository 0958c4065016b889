/**
 * RDS-004: no literal master password in code. A password written in TypeScript is in git,
 * in the synthesized JSON and in the state. Use manage_master_user_password true (RDS keeps
 * the password in Secrets Manager and rotates it), or a reference.
 * Covers password and master_password and their write-only variants (password_wo,
 * master_password_wo), which keep the value out of state but not out of git.
 * Equivalents: Checkov CKV_SECRET_10 (secret keyword); cdk-nag none (CDK generates the secret).
 */
import { DB_CLUSTER, DB_INSTANCE, isLiteral } from '../support/rds';
import { compliant, nonCompliant, type PolicyRule } from '../types';

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  [DB_INSTANCE]: ['password', 'password_wo'],
  [DB_CLUSTER]: ['master_password', 'master_password_wo'],
};

export const rds004: PolicyRule = {
  id: 'RDS-004',
  description: 'RDS instances and Aurora clusters have no literal master password (manage_master_user_password, or a reference)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER],
  equivalents: ['Checkov CKV_SECRET_10 (secret keyword)'],
  check: (db) => {
    const literal = (FIELDS[db.type] ?? []).filter((field) => isLiteral(db.config[field]));
    return literal.length > 0
      ? nonCompliant(`${literal.join(', ')} ${literal.length === 1 ? 'is a literal' : 'are literals'}: the password is in git and the state; set manage_master_user_password true instead`)
      : compliant();
  },
};
