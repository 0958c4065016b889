/**
 * NET-005: tasks accept traffic only from the load balancer: every ingress rule of a security
 * group attached to an ECS service names a load balancer's security group as its source (no
 * CIDR ranges, prefix lists or self references).
 * Equivalents: AWS ECS best practices guide (networking: "allow traffic only from the load
 * balancer's security group"); no direct Checkov or cdk-nag rule (cdk-nag AwsSolutions-EC23
 * covers the open-to-the-world part only).
 */
import { describePorts, INGRESS_TYPES, ingressOf, loadBalancerGroups, taskGroups } from '../support/security-groups';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const net005: PolicyRule = {
  id: 'NET-005',
  description: "Ingress to ECS task security groups only from a load balancer's security group",
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [...INGRESS_TYPES],
  equivalents: ['AWS ECS best practices guide: security groups', 'cdk-nag AwsSolutions-EC23 (partly)'],
  check: (resource, context) => {
    const tasks = taskGroups(context);
    const ingress = ingressOf(resource).filter((rule) => rule.securityGroup !== undefined && tasks.has(rule.securityGroup));
    const isTaskGroup = resource.type === 'aws_security_group' && tasks.has(resource.address);
    if (ingress.length === 0) return isTaskGroup ? compliant() : notApplicable();
    const lbGroups = loadBalancerGroups(context);
    const problems = ingress.flatMap((rule) => {
      const wrong = [
        ...rule.cidrs.map((cidr) => `CIDR ${cidr}`),
        ...rule.prefixLists.map((list) => `prefix list ${list}`),
        ...(rule.self ? ['itself'] : []),
        ...rule.sourceGroups.filter((group) => !lbGroups.has(group)).map((group) => `${group} (not a load balancer's)`),
      ];
      if (rule.sourceGroups.length === 0 && wrong.length === 0) wrong.push('no source');
      return wrong.length > 0 ? [`${describePorts(rule)} from ${wrong.join(', ')}`] : [];
    });
    return problems.length > 0 ? nonCompliant(`task security group ingress ${problems.join('; ')}`) : compliant();
  },
};
