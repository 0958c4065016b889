/**
 * NET-003: no subnet gives instances a public IP on launch; the load balancer and NAT
 * gateways get their addresses explicitly.
 * Equivalents: Checkov CKV_AWS_130 (VPC subnets do not assign public IP by default),
 * Security Hub EC2.15.
 */
import { isTrue } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const net003: PolicyRule = {
  id: 'NET-003',
  description: 'Subnets do not assign public IPs on launch (map_public_ip_on_launch is not true)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_subnet'],
  equivalents: ['Checkov CKV_AWS_130', 'Security Hub EC2.15'],
  check: (subnet) =>
    isTrue(subnet.config.map_public_ip_on_launch) ? nonCompliant('map_public_ip_on_launch is true') : compliant(),
};
