/**
 * CI-002: a role GitHub assumes for a pull request or a branch reads no data. Any pull request
 * of the repository (and anyone who can push a branch) can run code with such a role, with no
 * reviewer in between, so it may not read stored data: no AWS managed policy that reads data
 * (ReadOnlyAccess and the like: s3:GetObject on every bucket, SSM SecureStrings, DynamoDB
 * items, log events), and data-plane reads (the action dataset list DATA_PLANE_READ_ACTIONS)
 * only on named resources, never on "*". Its own Terraform state object and lock are such
 * named resources.
 * Equivalents: none known; AWS's guidance for OIDC roles (least privilege per workflow).
 */
import { dataPlaneReadsIn } from '@ecs-platform/iam-policy';
import { allowStatementsOfRole, githubSubjects, isEnvironmentSubject, policiesOfRole } from '../support/github';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

/**
 * AWS managed policies that read data. Their contents are not in the IAM action dataset, so
 * this list is kept by hand (docs/ci-cd.md says why); any managed policy not on it is still
 * refused by CI-001 when it writes.
 */
export const DATA_READING_MANAGED_POLICIES = [
  'AdministratorAccess',
  'PowerUserAccess',
  'ReadOnlyAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonS3FullAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AmazonDynamoDBFullAccess',
  'AmazonSSMReadOnlyAccess',
  'AmazonSSMFullAccess',
  'SecretsManagerReadWrite',
  'CloudWatchLogsReadOnlyAccess',
  'CloudWatchLogsFullAccess',
  'AmazonSQSReadOnlyAccess',
  'AmazonSQSFullAccess',
  'AmazonRDSDataFullAccess',
  'AmazonEC2ContainerRegistryReadOnly',
  'AmazonEC2ContainerRegistryPowerUser',
  'AmazonEC2ContainerRegistryFullAccess',
];

/** A resource that names nothing in particular: "*", or every resource of a service. */
function unscoped(resource: string): boolean {
  return resource === '*' || /^arn:aws[a-z-]*:[a-z0-9-]+:[^:]*:[^:]*:\*$/.test(resource) || /^arn:aws[a-z-]*:s3:::\*/.test(resource);
}

export const ci002: PolicyRule = {
  id: 'CI-002',
  description: 'Roles GitHub assumes for pull requests or branches read no data: no data-reading managed policy, data reads only on named resources',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_iam_role'],
  equivalents: ['none known'],
  check: (role, context) => {
    const subjects = githubSubjects(role, context);
    if (!subjects) return notApplicable();
    const outside = subjects.filter((subject) => !isEnvironmentSubject(subject));
    if (outside.length === 0) return notApplicable();
    const managed = policiesOfRole(role, context).managed.filter((arn) => DATA_READING_MANAGED_POLICIES.some((name) => arn.endsWith(`:policy/${name}`)));
    const { statements, problems } = allowStatementsOfRole(role, context);
    const reads = statements.flatMap((statement) => {
      const data = dataPlaneReadsIn(statement.actions);
      const wide = statement.resources.filter(unscoped);
      return data.length > 0 && wide.length > 0 ? [`${data.join(', ')} on ${wide.join(', ')}`] : [];
    });
    const found = [...problems, ...managed.map((arn) => `attaches ${arn}, which reads data`), ...reads.map((read) => `reads data: ${read}`)];
    return found.length > 0 ? nonCompliant(`trusted by ${outside.join(', ')}: ${found.join('; ')}`) : compliant();
  },
};
