/**
 * DDB-002: DynamoDB tables are encrypted with a customer managed KMS key.
 * Equivalents: Checkov CKV_AWS_119 (encrypted with a KMS CMK).
 */
import { block, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ddb002: PolicyRule = {
  id: 'DDB-002',
  description: 'DynamoDB tables have server_side_encryption enabled with a kms_key_arn',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_dynamodb_table'],
  equivalents: ['Checkov CKV_AWS_119'],
  check: (table) => {
    const sse = block(table.config.server_side_encryption);
    if (!sse || !isTrue(sse.enabled)) return nonCompliant('server_side_encryption is not enabled (AWS owned key)');
    return sse.kms_key_arn ? compliant() : nonCompliant('server_side_encryption uses the AWS managed key, not a kms_key_arn');
  },
};
