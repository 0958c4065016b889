/**
 * Names of what the layers create, built from the environment's and the service's names.
 * Every name of an environment's resources begins with the environment's name, which is what
 * lets IAM scope the CI roles to a stack (`<stack>-*`); names that several libraries or the CI
 * roles must agree on are built here and nowhere else.
 */

/** `<env>-<service>`: the task definition family, and the stem of the service's role names. */
export function serviceFamily(env: string, service: string): string {
  return `${env}-${service}`;
}

/** Log groups of an environment's services are `/ecs/<env>/<service>`. */
export function serviceLogGroupPrefix(env: string): string {
  return `/ecs/${env}/`;
}

export function serviceLogGroupName(env: string, service: string): string {
  return `${serviceLogGroupPrefix(env)}${service}`;
}

/** The ECS Exec session log group of an environment. */
export function execLogGroupName(env: string): string {
  return `/aws/ecs/exec/${env}`;
}

/** The VPC flow log group of a network. */
export function flowLogGroupName(network: string): string {
  return `/aws/vpc/flow-logs/${network}`;
}

/** Name of an EC2 capacity provider; ECS refuses names starting with aws, ecs or fargate. */
export function ec2CapacityProviderName(cluster: string): string {
  return /^(aws|ecs|fargate)/.test(cluster) ? `cp-${cluster}-ec2` : `${cluster}-ec2`;
}

function shortHash(text: string, length: number): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(length, '0').slice(0, length);
}

/** What forces a new target group: the attributes AWS cannot change on an existing one. */
export interface TargetGroupIdentity {
  readonly port: number;
  readonly protocol: string;
  readonly targetType: string;
}

/**
 * Target group names are at most 32 characters and unique per account and region. The name
 * carries a short hash of the attributes that force a new target group (port, protocol,
 * target type), so changing one of them gives the new group a new name and it can be created
 * before the old one is deleted (create_before_destroy): the listener rule and the service
 * move over, and no "target group is in use" stops the apply.
 */
export function targetGroupName(env: string, service: string, identity: TargetGroupIdentity): string {
  const full = serviceFamily(env, service);
  // The full name is hashed too: two long names cut to the same 25 characters stay apart.
  const hash = shortHash(`${full}/${identity.port}/${identity.protocol}/${identity.targetType}`, 6);
  return `${full.slice(0, 25).replace(/-+$/, '')}-${hash}`;
}

/** `<env>-<service>-<kind>`, for example `prod-storefront-target-5xx`. */
export function serviceAlarmName(env: string, service: string, kind: string): string {
  return `${serviceFamily(env, service)}-${kind}`;
}

/** The environment's alarm topic, `<env>-alarms`. */
export function alarmTopicName(env: string): string {
  return `${env}-alarms`;
}

/** The environment's dashboard, `<env>-services`. */
export function dashboardName(env: string): string {
  return `${env}-services`;
}

/**
 * A data bucket of an environment, `<env>-<name>-<account>-<region>`: S3 names are global, so
 * the account and region keep two accounts' (or regions') copies of one environment apart, and
 * the environment prefix is what the CI roles are scoped by (`arn:aws:s3:::<env>-*`).
 */
export function dataBucketName(env: string, name: string, accountId: string, region: string): string {
  return `${env}-${name}-${accountId}-${region}`;
}

/** The work queue of a queue worker, `<env>-<service>` (its dead-letter queue: deadLetterQueueName). */
export function workQueueName(env: string, service: string): string {
  return serviceFamily(env, service);
}

/** The dead-letter queue of a queue, `<queue>-dlq` (SQS names: at most 80 characters). */
export function deadLetterQueueName(queue: string): string {
  return `${queue}-dlq`;
}

/** The EventBridge Scheduler schedule group of an environment's jobs: the environment's name. */
export function scheduleGroupName(env: string): string {
  return env;
}
