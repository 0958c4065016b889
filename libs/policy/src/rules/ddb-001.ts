/**
 * DDB-001: DynamoDB tables have point-in-time recovery: the table, each replica of a global
 * table (`replica` blocks), and each `aws_dynamodb_table_replica` (PITR is a per-region
 * setting; a replica without it cannot be restored in its region).
 * Equivalents: Checkov CKV_AWS_28, CKV_AWS_165; cdk-nag AwsSolutions-DDB3; Security Hub
 * DynamoDB.2.
 */
import { block, blocks, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ddb001: PolicyRule = {
  id: 'DDB-001',
  description: 'DynamoDB tables (and each replica) have point_in_time_recovery enabled',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'],
  equivalents: ['Checkov CKV_AWS_28, CKV_AWS_165', 'cdk-nag AwsSolutions-DDB3', 'Security Hub DynamoDB.2'],
  check: (table) => {
    if (table.type === 'aws_dynamodb_table_replica') {
      return isTrue(table.config.point_in_time_recovery) ? compliant() : nonCompliant('point_in_time_recovery is not true for this replica');
    }
    const problems: string[] = [];
    if (!isTrue(block(table.config.point_in_time_recovery)?.enabled)) problems.push('point_in_time_recovery is not enabled');
    const replicas = blocks(table.config.replica).filter((replica) => !isTrue(replica.point_in_time_recovery));
    if (replicas.length > 0) problems.push(`replicas in ${replicas.map((replica) => String(replica.region_name)).join(', ')} do not set point_in_time_recovery`);
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
