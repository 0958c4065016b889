/**
 * RDS instances and Aurora clusters (`aws_db_instance`, `aws_rds_cluster`,
 * `aws_rds_cluster_instance`): which settings an instance owns and which it inherits from its
 * cluster or its replication source.
 */
import type { ResourceView, RuleContext } from '../types';
import { referencedAddresses } from './attributes';

export const DB_INSTANCE = 'aws_db_instance';
export const DB_CLUSTER = 'aws_rds_cluster';
export const DB_CLUSTER_INSTANCE = 'aws_rds_cluster_instance';

/** A read replica: created from another instance, whose storage, password and backups it takes over. */
export function isReplica(instance: ResourceView): boolean {
  const source = instance.config.replicate_source_db;
  return typeof source === 'string' && source !== '';
}

/** An `aws_db_instance` of an Aurora engine: a cluster member, whose storage and credentials are the cluster's. */
export function isAuroraInstance(instance: ResourceView): boolean {
  return instance.type === DB_INSTANCE && typeof instance.config.engine === 'string' && instance.config.engine.startsWith('aurora');
}

/** An instance that owns its storage, master password and backups: not a replica, not an Aurora member. */
export function ownsStorage(instance: ResourceView): boolean {
  return instance.type === DB_INSTANCE && !isReplica(instance) && !isAuroraInstance(instance);
}

/** The replication source of a replica, when the stack defines it. */
export function sourceOf(context: RuleContext, replica: ResourceView): ResourceView | undefined {
  const address = referencedAddresses(replica.config.replicate_source_db, DB_INSTANCE)[0];
  return address ? context.get(address) : undefined;
}

/** The cluster of a cluster instance, when the stack defines it. */
export function clusterOf(context: RuleContext, member: ResourceView): ResourceView | undefined {
  const address = referencedAddresses(member.config.cluster_identifier, DB_CLUSTER)[0];
  return address ? context.get(address) : undefined;
}

/** The `aws_rds_cluster_instance` resources of a cluster. */
export function membersOf(context: RuleContext, cluster: ResourceView): ResourceView[] {
  return context.ofType(DB_CLUSTER_INSTANCE).filter((member) => referencedAddresses(member.config.cluster_identifier, DB_CLUSTER).includes(cluster.address));
}

/** A literal string or number, not a Terraform reference or expression. */
export function isLiteral(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value.trim() !== '' && !value.includes('${');
}
