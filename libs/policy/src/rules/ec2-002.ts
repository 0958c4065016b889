/**
 * EC2-002: instance metadata requires IMDSv2 session tokens (metadata_options.http_tokens =
 * "required"), which defeats SSRF-style credential theft.
 * Equivalents: Checkov CKV_AWS_79 (instance metadata service v1 disabled), cdk-nag
 * NIST.800.53.R5 EC2IMDSv2Enabled, Security Hub EC2.8, Autoscaling.3.
 */
import { block } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const ec2002: PolicyRule = {
  id: 'EC2-002',
  description: 'Launch templates and instances require IMDSv2 (metadata_options.http_tokens "required")',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_launch_template', 'aws_instance', 'aws_launch_configuration'],
  equivalents: ['Checkov CKV_AWS_79', 'cdk-nag NIST.800.53.R5 EC2IMDSv2Enabled', 'Security Hub EC2.8, Autoscaling.3'],
  check: (resource) => {
    const options = block(resource.config.metadata_options);
    if (options?.http_endpoint === 'disabled') return compliant();
    return options?.http_tokens === 'required'
      ? compliant()
      : nonCompliant(`metadata_options.http_tokens is ${options?.http_tokens === undefined ? 'not set (IMDSv1 allowed)' : `"${String(options.http_tokens)}"`}`);
  },
};
