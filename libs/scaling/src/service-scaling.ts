import {
  AppautoscalingPolicy,
  type AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration,
} from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingScheduledAction } from '@cdktf/provider-aws/lib/appautoscaling-scheduled-action';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { assertValidProps, type PropProblem, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  capacityProblems,
  cronProblems,
  type CustomMetric,
  customMetricProblems,
  duplicateScheduleNameProblems,
  policyRoomProblems,
  requestCountProblems,
  requestsPerTargetProblems,
  restoringScheduleProblems,
  SCALING_DEFAULTS,
  scalingNameProblems,
  scheduleTierProblems,
  type TargetTrackingOptions,
  targetTrackingOptionProblems,
  targetUtilizationProblems,
  targetValueProblems,
  timeZoneProblems,
} from './checks';
import { type BacklogTargetInput, backlogPerTaskTarget, backlogTargetProblems } from './queue-checks';
import type { EcsServiceRef, LoadBalancerTargetRef } from './refs';

export interface ServiceScalingProps {
  /** The ECS service whose desired count is scaled (`service/<cluster>/<service>`). */
  readonly service: EcsServiceRef;
  /** Prefix of the policy and scheduled action names: `<env>-<service>` gives `<env>-<service>-cpu`. */
  readonly namePrefix: string;
  /** The scalable target's minimum task count, 0 to 1000. */
  readonly minCapacity: number;
  /** The scalable target's maximum task count, 0 to 1000, not below minCapacity. */
  readonly maxCapacity: number;
  /** Needed by scaleOnRequestCount. @default none: request-count scaling is refused */
  readonly loadBalancerTarget?: LoadBalancerTargetRef;
  /** `production` refuses a schedule down to zero tasks (docs/design.md decision 6). @default 'production' */
  readonly tier?: Tier;
}

/** scaleOnCpuUtilization, scaleOnMemoryUtilization. */
export interface UtilizationScalingProps extends TargetTrackingOptions {
  /** Average utilisation to keep, percent, 10 to 90. */
  readonly targetUtilizationPercent: number;
}

/** scaleOnRequestCount. */
export interface RequestCountScalingProps extends TargetTrackingOptions {
  /** ALB requests per task per minute to keep (ALBRequestCountPerTarget), 1 to 100000. */
  readonly requestsPerTarget: number;
}

/** scaleOnMetric. */
export interface MetricScalingProps extends TargetTrackingOptions {
  /**
   * The metric to keep at `targetValue`. It must fall as tasks are added (a utilisation, a
   * backlog per task); a total that does not change with the task count only ever scales out.
   */
  readonly metric: CustomMetric;
  /** The value to keep the metric at; greater than 0. */
  readonly targetValue: number;
}

/** scaleOnBacklogPerTask: the target is `targetBacklogPerTask`, or `acceptableLatency / secondsPerMessage`. */
export interface BacklogScalingProps extends TargetTrackingOptions, BacklogTargetInput {
  /** The queue the service consumes: the `QueueName` dimension of its AWS/SQS metrics (a name, not a URL). */
  readonly queueName: string;
}

/** scaleOnSchedule. */
export interface ScheduledScalingProps {
  /** `cron(Minutes Hours Day-of-month Month Day-of-week Year)`: six fields, one of the day fields `?`. */
  readonly schedule: string;
  /** Canonical IANA time zone the schedule is read in (`Europe/Berlin`). @default 'UTC' */
  readonly timezone?: string;
  /** The target's minimum from this time on, 0 to 1000 (production: at least 1). */
  readonly minCapacity: number;
  /** The target's maximum from this time on, 0 to 1000, not below minCapacity. */
  readonly maxCapacity: number;
}

type MetricSpecification = Pick<
  AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration,
  'predefinedMetricSpecification' | 'customizedMetricSpecification'
>;

/**
 * The auto scaling of one ECS service: its scalable target (`service/<cluster>/<service>`,
 * `ecs:service:DesiredCount`), the target tracking policies its methods add and its scheduled
 * actions. Whoever creates it must make Terraform ignore the service's `desired_count`
 * (libs/compute's `Service.autoScaleTaskCount` does both; docs/design.md decision 5).
 *
 * Policies and scheduled actions are applied one after another, in the order they are added:
 * Application Auto Scaling rejects concurrent changes to one target (ConcurrentUpdateException,
 * hashicorp/terraform-provider-aws#17915). With schedules, the schedules own the target's min
 * and max at run time, so Terraform ignores drift on them (an apply at night would otherwise
 * undo the night schedule); at synth, one schedule must restore minCapacity/maxCapacity.
 */
export class ServiceScaling extends Construct {
  readonly target: AppautoscalingTarget;
  readonly tier: Tier;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  private readonly props: ServiceScalingProps;
  private readonly policyMap: Record<string, AppautoscalingPolicy> = {};
  private readonly actionMap: Record<string, AppautoscalingScheduledAction> = {};
  private readonly schedules: Array<{ readonly name: string } & ScheduledScalingProps> = [];
  private last: ITerraformDependable;
  /** The queue of the backlog policy, once there is one. */
  private backlogQueue?: { readonly queueName: string; readonly scaleOutCooldown?: number };
  private wakeUp?: { readonly policy: AppautoscalingPolicy; readonly alarm: CloudwatchMetricAlarm };

  constructor(scope: Construct, id: string, props: ServiceScalingProps) {
    super(scope, id);
    assertValidProps(this, [
      ...capacityProblems(props.minCapacity, props.maxCapacity),
      ...(props.namePrefix ? [] : [propProblem(['namePrefix'], 'must not be empty: it begins every policy and scheduled action name')]),
    ]);
    this.props = props;
    this.tier = props.tier ?? 'production';
    this.minCapacity = props.minCapacity;
    this.maxCapacity = props.maxCapacity;

    this.target = new AppautoscalingTarget(this, 'scalable-target', {
      serviceNamespace: 'ecs',
      resourceId: `service/${props.service.clusterName}/${props.service.serviceName}`,
      scalableDimension: 'ecs:service:DesiredCount',
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
    });
    this.last = this.target;

    this.node.addValidation({
      validate: () =>
        restoringScheduleProblems(this.minCapacity, this.maxCapacity, this.schedules).map((problem) => `schedules: ${problem.message}`),
    });
  }

  /** Target tracking policies by name: `cpu`, `memory`, `requests` and the ids given to scaleOnMetric. */
  get policies(): Readonly<Record<string, AppautoscalingPolicy>> {
    return { ...this.policyMap };
  }

  /** Scheduled actions by schedule name. */
  get scheduledActions(): Readonly<Record<string, AppautoscalingScheduledAction>> {
    return { ...this.actionMap };
  }

  /**
   * The step scaling policy and its alarm that start the first task of a service at 0 tasks
   * when messages wait (made by scaleOnBacklogPerTask when the service may run 0 tasks).
   */
  get wakeUpPolicy(): { readonly policy: AppautoscalingPolicy; readonly alarm: CloudwatchMetricAlarm } | undefined {
    return this.wakeUp;
  }

  /** The fewest tasks the service may run: minCapacity, or a schedule's lower minimum. */
  get lowestCapacity(): number {
    return Math.min(this.minCapacity, ...this.schedules.map((entry) => entry.minCapacity));
  }

  /** Keeps the service's average CPU utilisation (ECSServiceAverageCPUUtilization) at a target. */
  scaleOnCpuUtilization(props: UtilizationScalingProps): AppautoscalingPolicy {
    return this.addPolicy(
      'cpu',
      props,
      underPath(['targetUtilizationPercent'], targetUtilizationProblems(props.targetUtilizationPercent)),
      props.targetUtilizationPercent,
      { predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    );
  }

  /**
   * Keeps the service's average memory utilisation (ECSServiceAverageMemoryUtilization) at a
   * target. Only for services whose memory follows load; a JVM heap would pin it at the maximum.
   */
  scaleOnMemoryUtilization(props: UtilizationScalingProps): AppautoscalingPolicy {
    return this.addPolicy(
      'memory',
      props,
      underPath(['targetUtilizationPercent'], targetUtilizationProblems(props.targetUtilizationPercent)),
      props.targetUtilizationPercent,
      { predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageMemoryUtilization' } },
    );
  }

  /** Keeps the ALB requests per task per minute (ALBRequestCountPerTarget) at a target; needs loadBalancerTarget. */
  scaleOnRequestCount(props: RequestCountScalingProps): AppautoscalingPolicy {
    const lb = this.props.loadBalancerTarget;
    return this.addPolicy(
      'requests',
      props,
      underPath(['requestsPerTarget'], [...requestCountProblems(lb !== undefined), ...requestsPerTargetProblems(props.requestsPerTarget)]),
      props.requestsPerTarget,
      {
        predefinedMetricSpecification: {
          predefinedMetricType: 'ALBRequestCountPerTarget',
          // ResourceLabel: app/<lb>/<id>/targetgroup/<tg>/<id>
          resourceLabel: `${lb?.loadBalancerArnSuffix}/${lb?.targetGroupArnSuffix}`,
        },
      },
    );
  }

  /**
   * Keeps a CloudWatch metric at `targetValue` (a customized metric specification): the policy
   * `<namePrefix>-<id>`, construct id `<id>-policy`.
   */
  scaleOnMetric(id: string, props: MetricScalingProps): AppautoscalingPolicy {
    const { metric } = props;
    const dimensions = Object.entries(metric.dimensions ?? {}).map(([name, value]) => ({ name, value }));
    return this.addPolicy(
      id,
      props,
      [
        ...underPath(['id'], scalingNameProblems(id)),
        ...underPath(['metric'], customMetricProblems(metric)),
        ...underPath(['targetValue'], targetValueProblems(props.targetValue)),
      ],
      props.targetValue,
      {
        customizedMetricSpecification: {
          namespace: metric.namespace,
          metricName: metric.metricName,
          statistic: metric.statistic ?? 'Average',
          ...(metric.unit === undefined ? {} : { unit: metric.unit }),
          ...(dimensions.length > 0 ? { dimensions } : {}),
        },
      },
    );
  }

  /**
   * Keeps the backlog of an SQS queue per running task at a target (AWS's "scaling based on
   * Amazon SQS"): a target tracking policy `<namePrefix>-backlog` (construct id `backlog-policy`)
   * on metric math, `m1 / m2` with m1 the queue's ApproximateNumberOfMessagesVisible and m2 the
   * service's running tasks (ECS/ContainerInsights RunningTaskCount; the cluster needs Container
   * Insights). The target is `targetBacklogPerTask`, or `acceptableLatency / secondsPerMessage`
   * (rounded down to two decimals).
   *
   * At 0 tasks m2 is 0, the quotient has no value and target tracking does nothing with
   * missing data, so it cannot start the first task. When the service may run 0 tasks (its
   * minimum or a schedule's), this also adds the wake-up: a step scaling policy
   * `<namePrefix>-wake-up` that adds 1 task, on an alarm of the same name that fires when
   * messages are visible while the service's desired count is 0 (construct ids
   * `wake-up-policy`, `wake-up-alarm`). Target tracking takes over from the first task on.
   */
  scaleOnBacklogPerTask(props: BacklogScalingProps): AppautoscalingPolicy {
    const { clusterName, serviceName } = this.props.service;
    const queueProblems: PropProblem[] = [
      ...(props.queueName ? [] : [propProblem(['queueName'], 'must not be empty: it is the QueueName dimension of the backlog metric')]),
      ...backlogTargetProblems(props),
    ];
    const policy = this.addPolicy('backlog', props, queueProblems, queueProblems.length > 0 ? 0 : backlogPerTaskTarget(props), {
      customizedMetricSpecification: {
        metrics: [
          {
            id: 'm1',
            label: 'Messages waiting in the queue',
            metricStat: {
              metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: props.queueName }] },
              stat: 'Sum',
            },
            returnData: false,
          },
          {
            id: 'm2',
            label: 'Running tasks of the service',
            metricStat: {
              metric: {
                namespace: 'ECS/ContainerInsights',
                metricName: 'RunningTaskCount',
                dimensions: [
                  { name: 'ClusterName', value: clusterName },
                  { name: 'ServiceName', value: serviceName },
                ],
              },
              stat: 'Average',
            },
            returnData: false,
          },
          { id: 'e1', label: 'Backlog per task', expression: 'm1 / m2', returnData: true },
        ],
      },
    });
    this.backlogQueue = { queueName: props.queueName, scaleOutCooldown: props.scaleOutCooldown };
    if (this.lowestCapacity === 0) this.addWakeUp();
    return policy;
  }

  /**
   * Sets the target's minimum and maximum at a cron time, in a time zone (a smaller service at
   * night): the scheduled action `<namePrefix>-<name>`, construct id `schedule-<name>`.
   */
  scaleOnSchedule(name: string, props: ScheduledScalingProps): AppautoscalingScheduledAction {
    const names = [...this.schedules.map((entry) => entry.name), name];
    const problems: PropProblem[] = [
      ...underPath(['name'], scalingNameProblems(name)),
      ...duplicateScheduleNameProblems(names)
        .filter((problem) => problem.path[0] === names.length - 1)
        .map((problem) => propProblem(['name'], problem.message)),
      ...underPath(['schedule'], cronProblems(props.schedule)),
      ...(props.timezone === undefined ? [] : underPath(['timezone'], timeZoneProblems(props.timezone))),
      ...capacityProblems(props.minCapacity, props.maxCapacity),
      ...underPath(['minCapacity'], scheduleTierProblems(this.tier, props.minCapacity)),
    ];
    assertValidProps(this, problems);

    if (this.schedules.length === 0) this.target.lifecycle = { ignoreChanges: ['min_capacity', 'max_capacity'] };
    this.schedules.push({ name, ...props });
    const action = new AppautoscalingScheduledAction(this, `schedule-${name}`, {
      name: `${this.props.namePrefix}-${name}`,
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
      schedule: props.schedule.trim(),
      timezone: props.timezone ?? 'UTC',
      // The provider takes both capacities as strings.
      scalableTargetAction: { minCapacity: String(props.minCapacity), maxCapacity: String(props.maxCapacity) },
      dependsOn: [this.last],
    });
    this.actionMap[name] = action;
    this.last = action;
    if (props.minCapacity === 0 && this.backlogQueue) this.addWakeUp();
    return action;
  }

  /** The wake-up of a backlog-scaled service that may run 0 tasks (see scaleOnBacklogPerTask); made once. */
  private addWakeUp(): void {
    const queue = this.backlogQueue;
    if (this.wakeUp || !queue) return;
    const { clusterName, serviceName } = this.props.service;
    const name = `${this.props.namePrefix}-wake-up`;
    const policy = new AppautoscalingPolicy(this, 'wake-up-policy', {
      name,
      policyType: 'StepScaling',
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
      stepScalingPolicyConfiguration: {
        // Adds a task, never sets a count: a late alarm cannot undo what target tracking scaled out to.
        adjustmentType: 'ChangeInCapacity',
        cooldown: queue.scaleOutCooldown ?? SCALING_DEFAULTS.scaleOutCooldown,
        metricAggregationType: 'Maximum',
        stepAdjustment: [{ metricIntervalLowerBound: '0', scalingAdjustment: 1 }],
      },
      dependsOn: [this.last],
    });
    this.last = policy;
    const alarm = new CloudwatchMetricAlarm(this, 'wake-up-alarm', {
      alarmName: name,
      alarmDescription: `${serviceName}: messages wait in ${queue.queueName} while the service wants 0 tasks; starts the first task (target tracking on the backlog per task cannot, at 0 tasks it has no data)`,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      // SQS publishes only for active queues; no datapoint means nothing waits.
      treatMissingData: 'notBreaching',
      metricQuery: [
        {
          id: 'm1',
          label: 'Messages waiting in the queue',
          metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: queue.queueName }, stat: 'Maximum', period: 60 },
          returnData: false,
        },
        {
          id: 'm2',
          label: 'Tasks the service wants',
          // The desired count, not the running one: it is 1 as soon as the policy acted, so the
          // alarm clears while the first task is still starting and does not add a second.
          metric: {
            namespace: 'ECS/ContainerInsights',
            metricName: 'DesiredTaskCount',
            dimensions: { ClusterName: clusterName, ServiceName: serviceName },
            stat: 'Maximum',
            period: 60,
          },
          returnData: false,
        },
        // Container Insights reports 0 while the service exists; FILL covers a minute it misses.
        { id: 'e1', label: 'Messages waiting while no task is wanted', expression: 'IF(FILL(m2, 0) < 1, m1, 0)', returnData: true },
      ],
      actionsEnabled: true,
      alarmActions: [policy.arn],
    });
    this.wakeUp = { policy, alarm };
  }

  private addPolicy(
    name: string,
    options: TargetTrackingOptions,
    own: readonly PropProblem[],
    targetValue: number,
    metric: MetricSpecification,
  ): AppautoscalingPolicy {
    assertValidProps(this, [
      ...(name in this.policyMap ? [propProblem([], `already has the target tracking policy "${name}"`)] : []),
      ...own,
      ...targetTrackingOptionProblems(options),
      ...policyRoomProblems(this.minCapacity, this.maxCapacity),
    ]);
    const policy = new AppautoscalingPolicy(this, `${name}-policy`, {
      name: `${this.props.namePrefix}-${name}`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: this.target.serviceNamespace,
      resourceId: this.target.resourceId,
      scalableDimension: this.target.scalableDimension,
      targetTrackingScalingPolicyConfiguration: {
        targetValue,
        scaleOutCooldown: options.scaleOutCooldown ?? SCALING_DEFAULTS.scaleOutCooldown,
        scaleInCooldown: options.scaleInCooldown ?? SCALING_DEFAULTS.scaleInCooldown,
        disableScaleIn: options.disableScaleIn ?? false,
        ...metric,
      },
      dependsOn: [this.last],
    });
    this.policyMap[name] = policy;
    this.last = policy;
    return policy;
  }
}

