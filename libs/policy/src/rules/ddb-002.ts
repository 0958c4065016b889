/**
 * DDB-002: DynamoDB tables are encrypted with a customer managed KMS key: the table
 * (server_side_encryption enabled with a kms_key_arn that is not the AWS managed
 * alias/aws/dynamodb), and each replica of a global table with a key of its own region
 * (`replica.kms_key_arn`, or `aws_dynamodb_table_replica.kms_key_arn`); a replica without
 * one falls back to the AWS managed key of its region.
 * Equivalents: Checkov CKV_AWS_119, CKV_AWS_271.
 */
import { block, blocks, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

const awsManaged = (key: unknown): boolean => typeof key === 'string' && /(^|:)alias\/aws\//.test(key);

export const ddb002: PolicyRule = {
  id: 'DDB-002',
  description: 'DynamoDB tables (and each replica) are encrypted with a customer managed key (server_side_encryption kms_key_arn)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'],
  equivalents: ['Checkov CKV_AWS_119, CKV_AWS_271'],
  check: (table) => {
    if (table.type === 'aws_dynamodb_table_replica') {
      const key = table.config.kms_key_arn;
      return key && !awsManaged(key) ? compliant() : nonCompliant('the replica has no customer managed kms_key_arn: it uses the AWS managed key of its region');
    }
    const sse = block(table.config.server_side_encryption);
    if (!sse || !isTrue(sse.enabled)) return nonCompliant('server_side_encryption is not enabled (AWS owned key)');
    if (!sse.kms_key_arn || awsManaged(sse.kms_key_arn)) return nonCompliant('server_side_encryption uses the AWS managed key, not a customer managed kms_key_arn');
    const replicas = blocks(table.config.replica).filter((replica) => !replica.kms_key_arn || awsManaged(replica.kms_key_arn));
    return replicas.length > 0
      ? nonCompliant(`replicas in ${replicas.map((replica) => String(replica.region_name)).join(', ')} have no customer managed kms_key_arn of their region`)
      : compliant();
  },
};
