/**
 * IAM-005: every role a workload assumes (trusted by an AWS service: ECS tasks, EC2
 * instances, flow logs, schedulers) carries a permissions boundary. The platform gives them
 * the account's workload boundary, which caps any policy at no IAM changes, no CI roles and no
 * Terraform state; a role without one would be refused by the deploy role's boundary at apply.
 * Roles people or CI assume are created by the administrator-applied bootstrap stacks and are
 * not in scope.
 * Equivalents: cdk-nag (none direct); AWS guidance on delegated role creation with boundaries.
 */
import { strings } from '../support/attributes';
import { parsePolicy } from '../support/iam';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const iam005: PolicyRule = {
  id: 'IAM-005',
  description: 'Roles assumed by AWS services (task, execution, instance, flow log roles) carry a permissions boundary',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_iam_role'],
  equivalents: ['AWS IAM guidance: permissions boundaries for delegated role creation'],
  check: (role) => {
    const parsed = parsePolicy(role.config.assume_role_policy);
    if (!parsed.ok) return nonCompliant(`assume_role_policy: ${parsed.reason}`);
    const services = parsed.statements.flatMap((statement) => strings((statement.principal as { Service?: unknown } | undefined)?.Service));
    if (services.length === 0) return notApplicable();
    const boundary = role.config.permissions_boundary;
    return typeof boundary === 'string' && boundary !== ''
      ? compliant()
      : nonCompliant(`assumed by ${services.join(', ')} without a permissions_boundary: its policy alone would decide what it may do`);
  },
};
