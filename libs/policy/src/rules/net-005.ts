/**
 * NET-005: tasks accept traffic only from the load balancer or from other services' tasks of
 * the same stack: every ingress rule of a security group attached to an ECS service names a
 * load balancer's security group or another service's task security group as its source (no
 * CIDR ranges, prefix lists or self references). Service-to-service rules are named one caller
 * at a time, so what may call a service is a closed, reviewable list, and each opens one TCP port
 * the called service's containers listen on (a port mapping of its task definition), never a
 * range or another port.
 * Equivalents: AWS ECS best practices guide (networking: "allow traffic only from the load
 * balancer's security group"); no direct Checkov or cdk-nag rule (cdk-nag AwsSolutions-EC23
 * covers the open-to-the-world part only).
 */
import { describePorts, INGRESS_TYPES, ingressOf, loadBalancerGroups, servedPorts, taskGroups } from '../support/security-groups';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const net005: PolicyRule = {
  id: 'NET-005',
  description: "Ingress to ECS task security groups only from a load balancer's or another service's task security group",
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
        ...rule.sourceGroups
          .filter((group) => !lbGroups.has(group) && !(tasks.has(group) && group !== rule.securityGroup))
          .map((group) => `${group} (neither a load balancer's nor another service's tasks')`),
      ];
      if (rule.sourceGroups.length === 0 && wrong.length === 0) wrong.push('no source');
      // Another service's tasks reach one port the called tasks serve, nothing else.
      const callers = rule.sourceGroups.filter((group) => !lbGroups.has(group) && tasks.has(group) && group !== rule.securityGroup);
      const served = callers.length > 0 && rule.securityGroup ? servedPorts(context, rule.securityGroup) : undefined;
      const onePort = rule.protocol === 'tcp' && rule.fromPort !== undefined && rule.fromPort === rule.toPort;
      if (served && !(onePort && served.has(rule.fromPort as number))) {
        const ports = [...served].sort((a, b) => a - b).join(', ') || 'none';
        wrong.push(...callers.map((group) => `${group} (another service's tasks may reach one TCP port its containers listen on: ${ports})`));
      }
      return wrong.length > 0 ? [`${describePorts(rule)} from ${wrong.join(', ')}`] : [];
    });
    return problems.length > 0 ? nonCompliant(`task security group ingress ${problems.join('; ')}`) : compliant();
  },
};
