/**
 * IAM-001: identity policies name their actions: no `*`, no `service:*`, no partial
 * wildcard (`s3:Get*`) and no NotAction in Allow statements.
 * Equivalents: Checkov CKV_AWS_62/CKV_AWS_63 (no "*" actions), CKV_AWS_289/CKV_AWS_290
 * (no unconstrained permissions management / write access), cdk-nag AwsSolutions-IAM5
 * (wildcard actions), cdk-nag NIST.800.53.R5 IAMPolicyNoStatementsWithFullAccess.
 */
import { hasWildcard, IDENTITY_POLICY_TYPES } from '../support/iam';
import { checkAllowStatements } from '../support/identity-statements';
import { type PolicyRule } from '../types';

export const iam001: PolicyRule = {
  id: 'IAM-001',
  description: 'Identity policies allow no wildcard actions and no NotAction',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  equivalents: ['Checkov CKV_AWS_62, CKV_AWS_63, CKV_AWS_289', 'cdk-nag AwsSolutions-IAM5', 'cdk-nag NIST.800.53.R5 IAMPolicyNoStatementsWithFullAccess'],
  check: (resource) =>
    checkAllowStatements(resource, (statement) => {
      if (statement.notActions.length > 0) return 'Allow with NotAction';
      const wild = statement.actions.filter(hasWildcard);
      return wild.length > 0 ? `wildcard action ${wild.map((a) => `"${a}"`).join(', ')}` : undefined;
    }),
};
