/**
 * DDB-003: DynamoDB tables have deletion protection.
 * Equivalents: Checkov CKV_AWS_394 (DynamoDBTableDeletionProtection), Security Hub DynamoDB.6.
 */
import { isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ddb003: PolicyRule = {
  id: 'DDB-003',
  description: 'DynamoDB tables have deletion_protection_enabled true',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_dynamodb_table'],
  equivalents: ['Checkov CKV_AWS_394', 'Security Hub DynamoDB.6'],
  check: (table) => (isTrue(table.config.deletion_protection_enabled) ? compliant() : nonCompliant('deletion_protection_enabled is not true')),
};
