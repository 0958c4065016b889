/**
 * DDB-001: DynamoDB tables have point-in-time recovery.
 * Equivalents: Checkov CKV_AWS_28, cdk-nag AwsSolutions-DDB3, Security Hub DynamoDB.2.
 */
import { block, isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ddb001: PolicyRule = {
  id: 'DDB-001',
  description: 'DynamoDB tables have point_in_time_recovery enabled',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_dynamodb_table'],
  equivalents: ['Checkov CKV_AWS_28', 'cdk-nag AwsSolutions-DDB3', 'Security Hub DynamoDB.2'],
  check: (table) =>
    isTrue(block(table.config.point_in_time_recovery)?.enabled) ? compliant() : nonCompliant('point_in_time_recovery is not enabled'),
};
