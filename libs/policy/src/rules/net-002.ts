/**
 * NET-002: the VPC's default security group is managed and closed (no ingress, no egress), so
 * nothing that lands in it by default can talk to anything.
 * Equivalents: Checkov CKV2_AWS_12 (default security group restricts all traffic),
 * Security Hub EC2.2.
 */
import { blocks, references } from '../support/attributes';
import { compliant, nonCompliant, type PolicyRule } from '../types';

export const net002: PolicyRule = {
  id: 'NET-002',
  description: "Every VPC's default security group is managed (aws_default_security_group) with no ingress and no egress",
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_vpc'],
  equivalents: ['Checkov CKV2_AWS_12', 'Security Hub EC2.2'],
  check: (vpc, context) => {
    const managed = context.ofType('aws_default_security_group').filter((sg) => references(sg.config.vpc_id, vpc.address));
    if (managed.length === 0) return nonCompliant('the default security group is not managed (no aws_default_security_group for this VPC), so it keeps its allow rules');
    const open = managed.filter((sg) => blocks(sg.config.ingress).length > 0 || blocks(sg.config.egress).length > 0);
    return open.length > 0 ? nonCompliant(`${open[0].address} has ingress or egress rules`) : compliant();
  },
};
