/**
 * ECS-015: an ECS service depends on the egress its tasks need: the default routes (through a
 * NAT gateway, or an internet gateway) of its subnets' route tables, and the VPC endpoints on
 * its subnets or route tables. Nothing in the service references them, so Terraform creates
 * the service as soon as the cluster and task definition exist; tasks started before the
 * routes fail to pull their image or read their secrets, and those failures count toward the
 * deployment circuit breaker.
 * Equivalents: none known (ordering is not checked by Checkov or cdk-nag).
 */
import { blocks, referencedAddresses, references, strings } from '../support/attributes';
import { compliant, nonCompliant, notApplicable, type PolicyRule } from '../types';

export const ecs015: PolicyRule = {
  id: 'ECS-015',
  description: 'ECS services depend on their egress: the default routes of their subnets and the VPC endpoints they use',
  severity: 'medium',
  tiers: ['production', 'non-production'],
  resourceTypes: ['aws_ecs_service'],
  equivalents: ['none (ordering the graph cannot infer)'],
  check: (service, context) => {
    const subnets = blocks(service.config.network_configuration).flatMap((network) => referencedAddresses(network.subnets, 'aws_subnet'));
    if (subnets.length === 0) return notApplicable();
    const routeTables = new Set(
      context
        .ofType('aws_route_table_association')
        .filter((association) => subnets.some((subnet) => references(association.config.subnet_id, subnet)))
        .flatMap((association) => referencedAddresses(association.config.route_table_id, 'aws_route_table')),
    );
    const routes = context
      .ofType('aws_route')
      .filter(
        (route) =>
          [...routeTables].some((table) => references(route.config.route_table_id, table)) &&
          (route.config.destination_cidr_block === '0.0.0.0/0' || route.config.destination_ipv6_cidr_block === '::/0'),
      );
    const endpoints = context
      .ofType('aws_vpc_endpoint')
      .filter(
        (endpoint) =>
          subnets.some((subnet) => references(endpoint.config.subnet_ids, subnet)) ||
          [...routeTables].some((table) => references(endpoint.config.route_table_ids, table)),
      );
    const dependsOn = new Set(strings(service.config.depends_on));
    const missing = [...routes, ...endpoints].map((resource) => resource.address).filter((address) => !dependsOn.has(address));
    return missing.length > 0 ? nonCompliant(`does not depend on ${missing.join(', ')}: its first tasks could start before they can reach AWS`) : compliant();
  },
};
