/**
 * CI-001: only a GitHub Environment may change infrastructure. A role GitHub Actions assumes
 * for a pull request, a branch or a tag (any subject that is not `environment:<name>`) may read
 * (List and Read actions of the AWS action dataset), take and release its Terraform lock (the
 * `.tflock` object, lock items restricted by dynamodb:LeadingKeys) with the named key that
 * encrypts its state, and push images to ECR;
 * nothing else. Write access belongs to deploy roles, whose only subject is their GitHub
 * Environment: there, required reviewers and the main-only branch rule apply, which a job on a
 * branch without `environment:` would skip.
 * Equivalents: Checkov CKV_AWS_358 (in part: safe GitHub claims).
 */
import { references } from '../support/attributes';
import { accessLevelsOf, allowStatementsOfRole, githubSubjects, isEnvironmentSubject } from '../support/github';
import type { Statement } from '../support/iam';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const IMAGE_PUSH = new Set([
  'ecr:BatchCheckLayerAvailability',
  'ecr:CompleteLayerUpload',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
  'ecr:UploadLayerPart',
]);

/** Writes every CI role may make: its own Terraform lock, and using the key that encrypts its state. */
function isLockWrite(action: string, statement: Statement): boolean {
  if (['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].includes(action)) {
    return statement.resources.length > 0 && !statement.resources.some((r) => r === '*' || r.endsWith(':key/*'));
  }
  if (['s3:PutObject', 's3:DeleteObject'].includes(action)) return statement.resources.length > 0 && statement.resources.every((r) => r.endsWith('.tflock'));
  if (['dynamodb:PutItem', 'dynamodb:DeleteItem'].includes(action)) {
    return Object.values(statement.condition).some((values) => values['dynamodb:LeadingKeys'] !== undefined);
  }
  return false;
}

export const ci001: PolicyRule = {
  id: 'CI-001',
  description: 'Roles GitHub assumes outside a GitHub Environment (pull requests, branches) only read, lock and push images',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_iam_role'],
  equivalents: ['Checkov CKV_AWS_358 (in part)'],
  check: (role, context) => {
    const subjects = githubSubjects(role, context);
    if (!subjects) return notApplicable();
    const outside = subjects.filter((subject) => !isEnvironmentSubject(subject));
    if (outside.length === 0) return compliant();
    const { statements, problems } = allowStatementsOfRole(role, context);
    const writes = statements.flatMap((statement) =>
      statement.actions.filter((action) => {
        if (IMAGE_PUSH.has(action) || isLockWrite(action, statement)) return false;
        return accessLevelsOf(action).some((level) => level !== 'Read' && level !== 'List');
      }),
    );
    const managed = context
      .ofType('aws_iam_role_policy_attachment')
      .filter((attachment) => references(attachment.config.role, role.address))
      .map((attachment) => String(attachment.config.policy_arn))
      .filter((arn) => /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/.test(arn));
    const found = [
      ...problems,
      ...managed.map((arn) => `attaches ${arn}`),
      ...[...new Set(writes)].map((action) => `may ${action}`),
    ];
    return found.length > 0
      ? nonCompliant(`trusted by ${outside.join(', ')}, yet ${found.join(', ')}: only a GitHub Environment subject may hold write access`)
      : compliant();
  },
};
