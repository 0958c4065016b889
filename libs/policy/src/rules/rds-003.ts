/**
 * RDS-003: databases live in private or isolated subnets: no subnet of their DB subnet group
 * has a route to an internet gateway (read from the route tables and associations of the
 * stack, as ECS-015 reads egress). A database in a public subnet is one publicly_accessible
 * flag or security group change away from the internet; in a private subnet the packets
 * have no way in.
 * Without db_subnet_group_name, RDS uses the default VPC's default subnets, which are public.
 * An Aurora instance without its own subnet group uses its cluster's; a replica its source's.
 * Equivalents: Security Hub RDS.46 (AWS Config rds-instance-subnet-igw-check).
 */
import { referencedAddresses, strings } from '../support/attributes';
import { clusterOf, DB_CLUSTER, DB_CLUSTER_INSTANCE, DB_INSTANCE, isReplica, sourceOf } from '../support/rds';
import { internetRoutesOf } from '../support/subnets';
import { compliant, nonCompliant, type PolicyRule, type ResourceView, type RuleContext, type RuleResult } from '../types';

/** The resource whose db_subnet_group_name places `db`: itself, its cluster, or its source. */
function placement(context: RuleContext, db: ResourceView): ResourceView | undefined {
  if (db.config.db_subnet_group_name !== undefined) return db;
  if (db.type === DB_CLUSTER_INSTANCE) return clusterOf(context, db);
  if (db.type === DB_INSTANCE && isReplica(db)) {
    const source = sourceOf(context, db);
    return source ? placement(context, source) : undefined;
  }
  return db;
}

function subnetGroupOf(context: RuleContext, value: unknown): ResourceView | undefined {
  const address = referencedAddresses(value, 'aws_db_subnet_group')[0];
  if (address) return context.get(address);
  return typeof value === 'string' ? context.ofType('aws_db_subnet_group').find((group) => group.config.name === value) : undefined;
}

function check(db: ResourceView, context: RuleContext): RuleResult {
  const placed = placement(context, db);
  if (!placed) return nonCompliant('its cluster or replication source is outside the stack: its subnets cannot be checked');
  const name = placed.config.db_subnet_group_name;
  const via = placed === db ? '' : ` (of ${placed.address})`;
  if (name === undefined || name === '') {
    return nonCompliant(`no db_subnet_group_name${via}: RDS places it in the default VPC's subnets, which route to an internet gateway`);
  }
  const group = subnetGroupOf(context, name);
  if (!group) return nonCompliant(`db_subnet_group_name${via} names a subnet group the stack does not define: its subnets cannot be checked`);
  const ids = strings(group.config.subnet_ids);
  const subnets = ids.flatMap((id) => referencedAddresses(id, 'aws_subnet'));
  const outside = ids.filter((id) => referencedAddresses(id, 'aws_subnet').length === 0);
  if (outside.length > 0) return nonCompliant(`${group.address} has subnets the stack does not define (${outside.join(', ')}): they cannot be checked`);
  const publicSubnets = subnets.flatMap((address) => {
    const subnet = context.get(address);
    const routes = subnet ? internetRoutesOf(context, subnet) : [];
    return routes.length > 0 ? [`${address} (${routes.join(', ')})`] : [];
  });
  return publicSubnets.length > 0
    ? nonCompliant(`${group.address}${via} has subnets routed to an internet gateway: ${publicSubnets.join('; ')}; use the private or isolated subnets`)
    : compliant();
}

export const rds003: PolicyRule = {
  id: 'RDS-003',
  description: 'RDS instances and Aurora clusters are in private or isolated subnets (no subnet of their DB subnet group routes to an internet gateway)',
  severity: 'high',
  tiers: ['production', 'non-production'],
  resourceTypes: [DB_INSTANCE, DB_CLUSTER, DB_CLUSTER_INSTANCE],
  equivalents: ['Security Hub RDS.46 (AWS Config rds-instance-subnet-igw-check)'],
  check,
};
