import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { serviceAlarmName } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem, underPath } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';
import { taskCountProblems } from './checks';
import { type AlarmThresholds, alarmThresholdProblems, DEFAULT_ALARM_THRESHOLDS } from './monitoring-checks';
import type { EcsServiceRef, LoadBalancerTargetRef } from './refs';

/** Every alarm this library creates for a service, by kind; the name is `<env>-<service>-<kind>`. */
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

export interface ServiceAlarmsProps {
  /** The ECS service: the `ClusterName` and `ServiceName` dimensions. */
  readonly service: EcsServiceRef;
  /**
   * Environment name: every alarm name starts with `<environment>-` (the alarm topic lets only
   * those publish).
   */
  readonly environment: string;
  /**
   * The service's name in its environment (`storefront`): alarm names are
   * `<environment>-<name>-<kind>` (serviceAlarmName) and each description starts with it.
   */
  readonly name: string;
  /** ARN of the topic that receives alarm and OK notifications. */
  readonly topicArn: string;
  /**
   * Fewest tasks the service may run at any time (its minimum, or a schedule's lower one;
   * `ServiceScaling.lowestCapacity`). At 0 there is no running-tasks alarm (nothing could be too few).
   */
  readonly lowestTaskCount: number;
  /** @default none: a service without a load balancer (a worker), without the load balancer alarms and without deployment alarms */
  readonly loadBalancerTarget?: LoadBalancerTargetRef;
  /** @default DEFAULT_ALARM_THRESHOLDS */
  readonly thresholds?: Partial<AlarmThresholds>;
}

type AlarmSpec = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions' | 'actionsEnabled'>;

/**
 * The alarms of one service. Every alarm notifies the topic when it goes into ALARM and when
 * it returns to OK, and each sets `treat_missing_data` on purpose (see the comment at each).
 * Names are `<environment>-<name>-<kind>` (serviceAlarmName); the target 5xx and unhealthy host
 * alarms are the service's deployment alarms (`deploymentAlarms`, for the ECS service to name
 * with rollback and wait for: libs/compute's `Service.addDeploymentAlarms`). They watch only
 * load balancer dimensions, so the service referencing them closes no cycle (the alarms that
 * name the ECS service are not deployment alarms).
 */
export class ServiceAlarms extends Construct {
  /** The alarms by kind; the load balancer kinds only with a load balancer target. */
  readonly alarms: Partial<Record<ServiceAlarmKind, CloudwatchMetricAlarm>>;
  /** The alarms that fail and roll back a deployment (DEPLOYMENT_ALARM_KINDS); empty without a load balancer target. */
  readonly deploymentAlarms: readonly CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    assertValidProps(this, [
      ...(props.environment ? [] : [propProblem(['environment'], 'must not be empty: it begins every alarm name')]),
      ...(props.name ? [] : [propProblem(['name'], 'must not be empty: it names the alarms')]),
      ...underPath(['lowestTaskCount'], taskCountProblems(props.lowestTaskCount)),
      ...underPath(['thresholds'], alarmThresholdProblems(props.thresholds ?? {})),
    ]);
    const thresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...props.thresholds };
    const service = props.name;
    const ecs = { ClusterName: props.service.clusterName, ServiceName: props.service.serviceName };
    const specs: Partial<Record<ServiceAlarmKind, AlarmSpec>> = {
      'cpu-high': {
        alarmDescription: `${service}: average CPU above ${thresholds.cpuPercent} % for 5 minutes; at maxCount, or scaling cannot keep up`,
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        dimensions: ecs,
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.cpuPercent,
        // No datapoint means no task reports: nothing runs hot. A service without tasks is the
        // running-tasks alarm's business, so this one stays OK.
        treatMissingData: 'notBreaching',
      },
      'memory-high': {
        alarmDescription: `${service}: average memory above ${thresholds.memoryPercent} % for 5 minutes; tasks risk being killed out of memory`,
        namespace: 'AWS/ECS',
        metricName: 'MemoryUtilization',
        dimensions: ecs,
        statistic: 'Average',
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.memoryPercent,
        // As for CPU: missing data means no task, which the running-tasks alarm reports.
        treatMissingData: 'notBreaching',
      },
    };
    if (props.lowestTaskCount > 0) {
      specs['running-tasks-low'] = {
        alarmDescription: `${service}: fewer than ${props.lowestTaskCount} running tasks for 3 minutes (Container Insights)`,
        namespace: 'ECS/ContainerInsights',
        metricName: 'RunningTaskCount',
        dimensions: ecs,
        statistic: 'Minimum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: 'LessThanThreshold',
        threshold: props.lowestTaskCount,
        // Container Insights reports the count every minute while the service exists, zero
        // included; silence means the service or its metrics are gone, which is as bad.
        treatMissingData: 'breaching',
      };
    }
    const lb = props.loadBalancerTarget;
    if (lb) {
      const target = { LoadBalancer: lb.loadBalancerArnSuffix, TargetGroup: lb.targetGroupArnSuffix };
      specs['target-5xx'] = {
        alarmDescription: `${service}: ${thresholds.target5xxPerMinute} or more 5xx responses from the tasks per minute, in 2 of 3 minutes (deployment alarm: rolls a release back)`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        dimensions: target,
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: thresholds.target5xxPerMinute,
        // The load balancer publishes the count only when it is not zero: no datapoint, no errors.
        treatMissingData: 'notBreaching',
      };
      specs['load-balancer-5xx'] = {
        alarmDescription: `${service}: ${thresholds.loadBalancer5xxPerMinute} or more 5xx responses generated by the load balancer per minute (502, 503, 504: no healthy target, timeouts), in 2 of 3 minutes; the metric is per load balancer, shared by its services`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_ELB_5XX_Count',
        // HTTPCode_ELB_5XX_Count has no TargetGroup dimension.
        dimensions: { LoadBalancer: lb.loadBalancerArnSuffix },
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: thresholds.loadBalancer5xxPerMinute,
        // Published only when not zero, like the target count.
        treatMissingData: 'notBreaching',
      };
      specs['unhealthy-hosts'] = {
        alarmDescription: `${service}: a task failed the load balancer health check for 3 minutes (deployment alarm: rolls a release back)`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: target,
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        // Reported every minute while the target group is attached and checks run; no data means
        // no target to be unhealthy. Breaching here would start every deployment in ALARM, and
        // ECS does not watch alarms that are in ALARM when a deployment starts.
        treatMissingData: 'notBreaching',
      };
      specs['latency-p95'] = {
        alarmDescription: `${service}: 95th percentile response time above ${thresholds.p95LatencySeconds} s in 4 of 5 minutes`,
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: target,
        extendedStatistic: 'p95',
        period: 60,
        evaluationPeriods: 5,
        datapointsToAlarm: 4,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: thresholds.p95LatencySeconds,
        // Published only while requests flow; without requests nothing is slow.
        treatMissingData: 'notBreaching',
        // A percentile of a handful of requests says little (quiet nights, dev): keep the state.
        evaluateLowSampleCountPercentiles: 'ignore',
      };
    }

    this.alarms = {};
    for (const [kind, spec] of Object.entries(specs) as Array<[ServiceAlarmKind, AlarmSpec]>) {
      this.alarms[kind] = new CloudwatchMetricAlarm(this, `${kind}-alarm`, {
        ...spec,
        alarmName: serviceAlarmName(props.environment, props.name, kind),
        actionsEnabled: true,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });
    }
    this.deploymentAlarms = DEPLOYMENT_ALARM_KINDS.flatMap((kind) => this.alarms[kind] ?? []);
  }
}
