/**
 * NET-001: every VPC has a flow log.
 * Equivalents: Checkov CKV2_AWS_11 (VPC flow logging enabled), cdk-nag AwsSolutions-VPC7,
 * Security Hub EC2.6.
 */
import { references } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const net001: PolicyRule = {
  id: 'NET-001',
  description: 'Every VPC has a flow log (aws_flow_log with vpc_id referencing it)',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_vpc'],
  equivalents: ['Checkov CKV2_AWS_11', 'cdk-nag AwsSolutions-VPC7', 'Security Hub EC2.6'],
  check: (vpc, context) =>
    context.ofType('aws_flow_log').some((log) => references(log.config.vpc_id, vpc.address))
      ? compliant()
      : nonCompliant('no aws_flow_log references this VPC'),
};
