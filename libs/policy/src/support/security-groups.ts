/**
 * Security group ingress in its three Terraform shapes: inline `ingress` blocks of
 * `aws_security_group`, `aws_security_group_rule` (type ingress) and
 * `aws_vpc_security_group_ingress_rule`, normalised to one shape.
 */
import type { ResourceView, RuleContext } from '../types';
import { blocks, numberOf, referencedAddresses, strings } from './attributes';
import { portMappingsOf } from './containers';

export const INGRESS_TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

export interface Ingress {
  /** Address of the security group the rule belongs to (undefined when not in this stack). */
  readonly securityGroup?: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
  /** Addresses of the source security groups (in this stack), and raw ids otherwise. */
  readonly sourceGroups: readonly string[];
  readonly prefixLists: readonly string[];
  readonly self: boolean;
  readonly description?: string;
}

const INTERNET = new Set(['0.0.0.0/0', '::/0']);

function groupOf(value: unknown): string | undefined {
  return referencedAddresses(value, 'aws_security_group')[0];
}

function sources(value: unknown): string[] {
  const raw = strings(value);
  return raw.flatMap((item) => {
    const refs = referencedAddresses(item, 'aws_security_group');
    return refs.length > 0 ? refs : [item];
  });
}

/** The ingress rules a resource declares (empty for egress rules and other types). */
export function ingressOf(resource: ResourceView): Ingress[] {
  const c = resource.config;
  switch (resource.type) {
    case 'aws_security_group':
      return blocks(c.ingress).map((rule) => ({
        securityGroup: resource.address,
        protocol: String(rule.protocol ?? ''),
        fromPort: numberOf(rule.from_port),
        toPort: numberOf(rule.to_port),
        cidrs: [...strings(rule.cidr_blocks), ...strings(rule.ipv6_cidr_blocks)],
        sourceGroups: sources(rule.security_groups),
        prefixLists: strings(rule.prefix_list_ids),
        self: rule.self === true,
        description: typeof rule.description === 'string' ? rule.description : undefined,
      }));
    case 'aws_security_group_rule':
      if (c.type !== 'ingress') return [];
      return [
        {
          securityGroup: groupOf(c.security_group_id),
          protocol: String(c.protocol ?? ''),
          fromPort: numberOf(c.from_port),
          toPort: numberOf(c.to_port),
          cidrs: [...strings(c.cidr_blocks), ...strings(c.ipv6_cidr_blocks)],
          sourceGroups: sources(c.source_security_group_id),
          prefixLists: strings(c.prefix_list_ids),
          self: c.self === true,
        },
      ];
    case 'aws_vpc_security_group_ingress_rule':
      return [
        {
          securityGroup: groupOf(c.security_group_id),
          protocol: String(c.ip_protocol ?? ''),
          fromPort: numberOf(c.from_port),
          toPort: numberOf(c.to_port),
          cidrs: [...strings(c.cidr_ipv4), ...strings(c.cidr_ipv6)],
          sourceGroups: sources(c.referenced_security_group_id),
          prefixLists: strings(c.prefix_list_id),
          self: false,
        },
      ];
    default:
      return [];
  }
}

export function isInternet(cidr: string): boolean {
  return INTERNET.has(cidr);
}

/** `tcp 443`, `all traffic`, `tcp 1024-65535`: for messages. */
export function describePorts(ingress: Ingress): string {
  if (ingress.protocol === '-1' || ingress.protocol === 'all') return 'all traffic';
  const ports = ingress.fromPort === ingress.toPort ? `${ingress.fromPort}` : `${ingress.fromPort}-${ingress.toPort}`;
  return `${ingress.protocol} ${ports}`;
}

/** Security groups attached to load balancers of the stack. */
export function loadBalancerGroups(context: RuleContext): Set<string> {
  const lbs = [...context.ofType('aws_lb'), ...context.ofType('aws_alb')];
  return new Set(lbs.flatMap((lb) => referencedAddresses(lb.config.security_groups, 'aws_security_group')));
}

/** Security groups attached to ECS services (their tasks' ENIs). */
export function taskGroups(context: RuleContext): Set<string> {
  return new Set(
    context
      .ofType('aws_ecs_service')
      .flatMap((service) => blocks(service.config.network_configuration))
      .flatMap((network) => referencedAddresses(network.security_groups, 'aws_security_group')),
  );
}

/**
 * The container ports the tasks behind a task security group listen on: those of the task
 * definitions of every ECS service the group is attached to. Undefined when one of them cannot
 * be read (a task definition outside the stack, or container definitions that are not literal).
 */
export function servedPorts(context: RuleContext, group: string): Set<number> | undefined {
  const services = context
    .ofType('aws_ecs_service')
    .filter((service) => blocks(service.config.network_configuration).some((network) => referencedAddresses(network.security_groups, 'aws_security_group').includes(group)));
  const ports = new Set<number>();
  for (const service of services) {
    const [address] = referencedAddresses(service.config.task_definition, 'aws_ecs_task_definition');
    const taskDefinition = address ? context.get(address) : undefined;
    const mappings = taskDefinition ? portMappingsOf(taskDefinition) : undefined;
    if (!mappings) return undefined;
    for (const mapping of mappings) if (mapping.containerPort !== undefined) ports.add(mapping.containerPort);
  }
  return ports;
}
