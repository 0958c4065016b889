/**
 * IAM-003: no administrator access: no AdministratorAccess attachment and no policy that
 * allows "*" on "*".
 * Equivalents: Checkov CKV_AWS_274 (AdministratorAccess attached), CKV_AWS_1/CKV_AWS_62/
 * CKV_AWS_63 (full "*:*" administrative privileges), cdk-nag NIST.800.53.R5
 * IAMPolicyNoStatementsWithAdminAccess, cdk-nag AwsSolutions-IAM4 (AWS managed policies).
 */
import { strings } from '../support/attributes';
import { IDENTITY_POLICY_TYPES } from '../support/iam';
import { checkAllowStatements } from '../support/identity-statements';
import { compliant, firstFailure, nonCompliant, type PolicyRule } from '../types';

const ADMIN_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;
const ATTACHMENT_TYPES = [
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
];

export const iam003: PolicyRule = {
  id: 'IAM-003',
  description: 'No AdministratorAccess attachments and no Allow of "*" actions on "*" resources',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...IDENTITY_POLICY_TYPES, ...ATTACHMENT_TYPES],
  equivalents: ['Checkov CKV_AWS_274, CKV_AWS_1, CKV_AWS_62, CKV_AWS_63', 'cdk-nag NIST.800.53.R5 IAMPolicyNoStatementsWithAdminAccess'],
  check: (resource) => {
    const arns = ATTACHMENT_TYPES.includes(resource.type)
      ? strings(resource.config.policy_arn)
      : strings(resource.config.managed_policy_arns);
    const attached = arns.some((arn) => ADMIN_POLICY.test(arn)) ? nonCompliant('attaches AdministratorAccess') : compliant();
    if (ATTACHMENT_TYPES.includes(resource.type)) return attached;
    const statements = checkAllowStatements(resource, (statement) =>
      statement.actions.includes('*') && statement.resources.includes('*') ? 'allows "*" on "*"' : undefined,
    );
    return firstFailure([attached, statements]);
  },
};
