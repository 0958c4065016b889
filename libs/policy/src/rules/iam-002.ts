/**
 * IAM-002: identity policies scope resources: `Resource: "*"` only for actions AWS does not
 * let you scope (RESOURCE_UNSCOPED_ACTIONS, e.g. ecr:GetAuthorizationToken); anything else
 * needs named resources or a suppression with the reason.
 * Equivalents: Checkov CKV_AWS_355 (no "*" resource for restrictable actions), cdk-nag
 * AwsSolutions-IAM5 (wildcard resources).
 */
import { hasWildcard, IDENTITY_POLICY_TYPES } from '../support/iam';
import { checkAllowStatements } from '../support/identity-statements';
import { type PolicyRule } from '../types';

/**
 * Actions without resource-level permissions (Service Authorization Reference: no resource
 * types), for which `"Resource": "*"` is the only option. Add to it with the reference's page.
 */
export const RESOURCE_UNSCOPED_ACTIONS: ReadonlySet<string> = new Set([
  'ecr:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:ListMetrics',
  'ecs:DiscoverPollEndpoint',
  'logs:DescribeLogGroups',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
]);

export const iam002: PolicyRule = {
  id: 'IAM-002',
  description: 'Identity policies allow "*" resources only for actions that cannot be scoped',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  equivalents: ['Checkov CKV_AWS_355', 'cdk-nag AwsSolutions-IAM5'],
  check: (resource) =>
    checkAllowStatements(resource, (statement) => {
      if (statement.notResources.length > 0) return 'Allow with NotResource';
      if (!statement.resources.includes('*')) return undefined;
      const scopable = statement.actions.filter((action) => hasWildcard(action) || !RESOURCE_UNSCOPED_ACTIONS.has(action));
      return scopable.length > 0 ? `Resource "*" for ${scopable.map((a) => `"${a}"`).join(', ')}` : undefined;
    }),
};
