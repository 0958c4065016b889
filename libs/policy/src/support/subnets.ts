/**
 * Which subnets are public: a subnet whose route table (its explicit association, or else its
 * VPC's main route table) has a route through an internet gateway can be reached from the
 * internet by anything with a public address in it.
 */
import type { ResourceView, RuleContext } from '../types';
import { blocks, referencedAddresses, references } from './attributes';

const TABLE_TYPES = ['aws_route_table', 'aws_default_route_table'] as const;

/** The route tables of a subnet of the stack, as addresses. */
export function routeTablesOf(context: RuleContext, subnet: ResourceView): string[] {
  const explicit = context
    .ofType('aws_route_table_association')
    .filter((association) => references(association.config.subnet_id, subnet.address))
    .flatMap((association) => TABLE_TYPES.flatMap((type) => referencedAddresses(association.config.route_table_id, type)));
  if (explicit.length > 0) return [...new Set(explicit)];
  // No explicit association: the subnet uses its VPC's main route table.
  const vpc = referencedAddresses(subnet.config.vpc_id, 'aws_vpc')[0];
  if (!vpc) return [];
  const main = context
    .ofType('aws_main_route_table_association')
    .filter((association) => references(association.config.vpc_id, vpc))
    .flatMap((association) => TABLE_TYPES.flatMap((type) => referencedAddresses(association.config.route_table_id, type)));
  if (main.length > 0) return [...new Set(main)];
  return context
    .ofType('aws_default_route_table')
    .filter((table) => references(table.config.default_route_table_id, vpc))
    .map((table) => table.address);
}

function viaInternetGateway(route: Readonly<Record<string, unknown>>): boolean {
  const gateway = route.gateway_id;
  return referencedAddresses(gateway, 'aws_internet_gateway').length > 0 || (typeof gateway === 'string' && gateway.startsWith('igw-'));
}

/**
 * The routes through an internet gateway of a subnet's route tables (separate `aws_route`
 * resources and inline `route` blocks), as addresses; empty for a private or isolated subnet.
 */
export function internetRoutesOf(context: RuleContext, subnet: ResourceView): string[] {
  const tables = routeTablesOf(context, subnet);
  const separate = context
    .ofType('aws_route')
    .filter((route) => tables.some((table) => references(route.config.route_table_id, table)) && viaInternetGateway(route.config))
    .map((route) => route.address);
  const inline = tables.flatMap((address) => {
    const table = context.get(address);
    return table && blocks(table.config.route).some(viaInternetGateway) ? [`${address} (inline route)`] : [];
  });
  return [...separate, ...inline];
}
