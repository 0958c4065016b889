/**
 * NET-004: ingress from the internet (0.0.0.0/0, ::/0) is allowed only into a load balancer's
 * security group, and only on TCP 80 and 443.
 * Equivalents: Checkov CKV_AWS_24 (22), CKV_AWS_25 (3389), CKV_AWS_260 (80), CKV_AWS_277
 * (all ports) — this rule is stricter: every port except the load balancer's 80/443;
 * cdk-nag AwsSolutions-EC23; Security Hub EC2.18, EC2.19.
 */
import { describePorts, INGRESS_TYPES, ingressOf, isInternet, loadBalancerGroups } from '../support/security-groups';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

const LOAD_BALANCER_PORTS = new Set([80, 443]);

export const net004: PolicyRule = {
  id: 'NET-004',
  description: "Internet ingress (0.0.0.0/0, ::/0) only into a load balancer's security group, only TCP 80 and 443",
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...INGRESS_TYPES],
  equivalents: ['Checkov CKV_AWS_24, CKV_AWS_25, CKV_AWS_260, CKV_AWS_277', 'cdk-nag AwsSolutions-EC23', 'Security Hub EC2.18, EC2.19'],
  check: (resource, context) => {
    const ingress = ingressOf(resource);
    if (ingress.length === 0) return resource.type === 'aws_security_group' ? compliant() : notApplicable();
    const lbGroups = loadBalancerGroups(context);
    const problems = ingress
      .filter((rule) => rule.cidrs.some(isInternet))
      .flatMap((rule) => {
        const onLoadBalancer = rule.securityGroup !== undefined && lbGroups.has(rule.securityGroup);
        const port = rule.fromPort === rule.toPort && rule.fromPort !== undefined && LOAD_BALANCER_PORTS.has(rule.fromPort);
        const tcp = rule.protocol === 'tcp' || rule.protocol === '6';
        if (onLoadBalancer && port && tcp) return [];
        const where = onLoadBalancer ? 'a load balancer' : `${rule.securityGroup ?? 'a security group'}, not a load balancer's`;
        return [`${describePorts(rule)} open to the internet on ${where}`];
      });
    return problems.length > 0 ? nonCompliant(problems.join('; ')) : compliant();
  },
};
