/**
 * EC2-003: the metadata response hop limit is 1, so containers on the instance (bridge
 * networking) cannot reach the instance's credentials.
 * Equivalents: Checkov CKV_AWS_341 (launch template hop limit not greater than 1),
 * Security Hub Autoscaling.4; AWS ECS best practices guide (EC2 launch type: block IMDS).
 */
import { block, numberOf } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ec2003: PolicyRule = {
  id: 'EC2-003',
  description: 'Launch templates and instances set metadata_options.http_put_response_hop_limit to 1',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_launch_template', 'aws_instance', 'aws_launch_configuration'],
  equivalents: ['Checkov CKV_AWS_341', 'Security Hub Autoscaling.4'],
  check: (resource) => {
    const options = block(resource.config.metadata_options);
    if (options?.http_endpoint === 'disabled') return compliant();
    const hops = numberOf(options?.http_put_response_hop_limit);
    return hops === 1 ? compliant() : nonCompliant(`metadata_options.http_put_response_hop_limit is ${hops ?? 'not set'}, not 1`);
  },
};
