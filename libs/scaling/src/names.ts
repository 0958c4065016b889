/**
 * Names of the scaling and monitoring resources, computed from the environment and service
 * names only. The ECS service needs the names of its deployment alarms, and the alarms need
 * the service's cluster, target group and load balancer; computing the names (instead of
 * reading `alarm_name` from the alarm resources) keeps Terraform's graph free of a cycle.
 */

/** Every alarm this library creates for a service, by kind. */
export type ServiceAlarmKind =
  | 'cpu-high'
  | 'memory-high'
  | 'running-tasks-low'
  | 'target-5xx'
  | 'load-balancer-5xx'
  | 'unhealthy-hosts'
  | 'latency-p95';

/**
 * The alarms that signal a bad release. ECS watches them during a deployment (and its bake
 * time) and rolls back when one goes into ALARM: errors from the new tasks and tasks failing
 * the load balancer's health check. Both exist only for services behind the load balancer.
 */
export const DEPLOYMENT_ALARM_KINDS: readonly ServiceAlarmKind[] = ['target-5xx', 'unhealthy-hosts'];

/** `<environment>-<service>-<kind>`, for example `prod-storefront-target-5xx`. */
export function alarmName(environment: string, service: string, kind: ServiceAlarmKind): string {
  return `${environment}-${service}-${kind}`;
}

/**
 * The contract with the compute library: the names to set on the ECS service as
 * `deployment_configuration.alarms { alarm_names, enable = true, rollback = true }`. Empty
 * for a service that is not load-balanced (a worker): then the service gets no alarms block.
 */
export function deploymentAlarmNames(environment: string, service: string, loadBalanced: boolean): string[] {
  return loadBalanced ? DEPLOYMENT_ALARM_KINDS.map((kind) => alarmName(environment, service, kind)) : [];
}

/** The environment's alarm topic, `<environment>-alarms`. */
export function alarmTopicName(environment: string): string {
  return `${environment}-alarms`;
}

/** The environment's dashboard, `<environment>-services`. */
export function dashboardName(environment: string): string {
  return `${environment}-services`;
}
