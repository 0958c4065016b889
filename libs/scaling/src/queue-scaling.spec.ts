import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { backlogPerTaskTarget, backlogTargetProblems, oldestMessageAlarmAge } from './queue-checks';
import { QueueAlarms } from './queue-alarms';
import { ScheduleAlarms } from './schedule-alarms';
import { ServiceScaling, type ServiceScalingProps } from './service-scaling';

function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((p) => `${formatPropPath(p.path) || '(props)'}: ${p.message}`);
    throw error;
  }
  throw new Error('expected InvalidPropsError');
}

function worker(overrides: Partial<ServiceScalingProps> = {}) {
  const stack = testStack();
  const scaling = new ServiceScaling(stack, 'scaling', {
    service: { clusterName: 'prod', serviceName: 'order-worker' },
    namePrefix: 'prod-order-worker',
    minCapacity: 2,
    maxCapacity: 6,
    ...overrides,
  });
  return { stack, scaling };
}

const TARGET = 'scaling/scalable-target';

/** The metric math of AWS's "scaling based on Amazon SQS": visible messages divided by running tasks. */
const BACKLOG_PER_TASK = [
  {
    id: 'm1',
    label: 'Messages waiting in the queue',
    metric_stat: {
      metric: { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: 'prod-order-worker' }] },
      stat: 'Sum',
    },
    return_data: false,
  },
  {
    id: 'm2',
    label: 'Running tasks of the service',
    metric_stat: {
      metric: {
        namespace: 'ECS/ContainerInsights',
        metric_name: 'RunningTaskCount',
        dimensions: [
          { name: 'ClusterName', value: 'prod' },
          { name: 'ServiceName', value: 'order-worker' },
        ],
      },
      stat: 'Average',
    },
    return_data: false,
  },
  { id: 'e1', label: 'Backlog per task', expression: 'm1 / m2', return_data: true },
];

describe('ServiceScaling.scaleOnBacklogPerTask', () => {
  it('tracks visible messages per running task by metric math, the target derived from the latency and the time per message', () => {
    const { stack, scaling } = worker();
    const policy = scaling.scaleOnBacklogPerTask({ queueName: 'prod-order-worker', acceptableLatency: 300, secondsPerMessage: 2 });
    expect(scaling.policies.backlog).toBe(policy);
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/backlog-policy', {
      name: 'prod-order-worker-backlog',
      policy_type: 'TargetTrackingScaling',
      resource_id: template.ref('aws_appautoscaling_target', TARGET, 'resource_id'),
      target_tracking_scaling_policy_configuration: Match.objectEquals({
        target_value: 150,
        scale_out_cooldown: 60,
        scale_in_cooldown: 300,
        disable_scale_in: false,
        customized_metric_specification: Match.objectEquals({ metrics: BACKLOG_PER_TASK }),
      }),
      depends_on: [template.address('aws_appautoscaling_target', TARGET)],
    });
    // A service that keeps tasks needs no wake-up: target tracking has data while tasks run.
    template.resourceCountIs('aws_cloudwatch_metric_alarm', 0);
    expect(scaling.wakeUpPolicy).toBeUndefined();
  });

  it('takes an explicit target and the cooldowns', () => {
    const { stack, scaling } = worker();
    scaling.scaleOnBacklogPerTask({ queueName: 'prod-order-worker', targetBacklogPerTask: 40, scaleInCooldown: 600, scaleOutCooldown: 30 });
    Template.fromStack(stack).resourceMatches('aws_appautoscaling_policy', 'scaling/backlog-policy', {
      target_tracking_scaling_policy_configuration: { target_value: 40, scale_in_cooldown: 600, scale_out_cooldown: 30 },
    });
  });

  it('wakes a service at 0 tasks with a step policy on visible messages while nothing is wanted', () => {
    const { stack, scaling } = worker({ minCapacity: 0 });
    scaling.scaleOnBacklogPerTask({ queueName: 'prod-order-worker', targetBacklogPerTask: 20 });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/wake-up-policy', Match.objectEquals({
      name: 'prod-order-worker-wake-up',
      policy_type: 'StepScaling',
      service_namespace: template.ref('aws_appautoscaling_target', TARGET, 'service_namespace'),
      resource_id: template.ref('aws_appautoscaling_target', TARGET, 'resource_id'),
      scalable_dimension: template.ref('aws_appautoscaling_target', TARGET, 'scalable_dimension'),
      step_scaling_policy_configuration: {
        adjustment_type: 'ChangeInCapacity',
        cooldown: 60,
        metric_aggregation_type: 'Maximum',
        step_adjustment: [{ metric_interval_lower_bound: '0', scaling_adjustment: 1 }],
      },
      depends_on: [template.address('aws_appautoscaling_policy', 'scaling/backlog-policy')],
    }));
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/wake-up-alarm', {
      alarm_name: 'prod-order-worker-wake-up',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      treat_missing_data: 'notBreaching',
      actions_enabled: true,
      alarm_actions: [template.ref('aws_appautoscaling_policy', 'scaling/wake-up-policy', 'arn')],
      metric_query: [
        {
          id: 'm1',
          metric: { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'prod-order-worker' }, stat: 'Maximum', period: 60 },
          return_data: false,
        },
        {
          id: 'm2',
          metric: { namespace: 'ECS/ContainerInsights', metric_name: 'DesiredTaskCount', dimensions: { ClusterName: 'prod', ServiceName: 'order-worker' }, stat: 'Maximum', period: 60 },
          return_data: false,
        },
        { id: 'e1', expression: 'IF(FILL(m2, 0) < 1, m1, 0)', return_data: true },
      ],
    });
    expect(scaling.wakeUpPolicy?.policy).toBeDefined();
  });

  it('adds the wake-up once a schedule lets the service go down to 0 tasks, whichever comes first', () => {
    const { stack, scaling } = worker({ tier: 'non-production', minCapacity: 1 });
    scaling.scaleOnBacklogPerTask({ queueName: 'dev-order-worker', targetBacklogPerTask: 20 });
    expect(scaling.wakeUpPolicy).toBeUndefined();
    scaling.scaleOnSchedule('night', { schedule: 'cron(0 20 ? * * *)', timezone: 'UTC', minCapacity: 0, maxCapacity: 2 });
    scaling.scaleOnSchedule('morning', { schedule: 'cron(0 7 ? * * *)', timezone: 'UTC', minCapacity: 1, maxCapacity: 6 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('aws_cloudwatch_metric_alarm', 1);
    expect(template.resource('aws_appautoscaling_policy', 'scaling/wake-up-policy').depends_on).toEqual([
      template.address('aws_appautoscaling_scheduled_action', 'scaling/schedule-night'),
    ]);
  });

  it('refuses a target given twice, half a derivation, a latency no task could meet, and a second backlog policy', () => {
    const s = () => worker().scaling;
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', targetBacklogPerTask: 10, acceptableLatency: 60, secondsPerMessage: 1 }))).toEqual([
      'targetBacklogPerTask: give either targetBacklogPerTask or acceptableLatency with secondsPerMessage, not both',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', acceptableLatency: 60 }))).toEqual([
      'secondsPerMessage: is required with acceptableLatency: the target is acceptableLatency / secondsPerMessage messages per task',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', secondsPerMessage: 2 }))).toEqual([
      'acceptableLatency: is required with secondsPerMessage: the target is acceptableLatency / secondsPerMessage messages per task',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: '' }))).toEqual([
      'queueName: must not be empty: it is the QueueName dimension of the backlog metric',
      '(props): needs targetBacklogPerTask, or acceptableLatency and secondsPerMessage to derive it (targetBacklogPerTask = acceptableLatency / secondsPerMessage)',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', acceptableLatency: 5, secondsPerMessage: 12 }))).toEqual([
      'acceptableLatency: 5 s is shorter than one message takes (secondsPerMessage 12 s): no number of tasks could meet it',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', acceptableLatency: 0.5, secondsPerMessage: 0, targetBacklogPerTask: -1 }))).toEqual([
      'targetBacklogPerTask: must be a number greater than 0, got number -1',
      'secondsPerMessage: must be a number greater than 0, got number 0',
      'acceptableLatency: must be a whole number of seconds, got number 0.5',
    ]);
    expect(problemsOf(() => s().scaleOnBacklogPerTask({ queueName: 'q', acceptableLatency: 86401, secondsPerMessage: 43201 }))).toEqual([
      'secondsPerMessage: must be at most 43200, got 43201',
      'acceptableLatency: must be between 1 and 86400 seconds, got 86401',
    ]);
    const twice = s();
    twice.scaleOnBacklogPerTask({ queueName: 'q', targetBacklogPerTask: 10 });
    expect(problemsOf(() => twice.scaleOnBacklogPerTask({ queueName: 'q', targetBacklogPerTask: 10 }))).toEqual(['(props): already has the target tracking policy "backlog"']);
    expect(problemsOf(() => worker({ minCapacity: 3, maxCapacity: 3 }).scaling.scaleOnBacklogPerTask({ queueName: 'q', targetBacklogPerTask: 10 }))).toEqual([
      '(props): has target tracking policies but minCapacity equals maxCapacity (3), so they could never change the task count; raise maxCapacity or remove the targets',
    ]);
  });
});

describe('the backlog target and the oldest-message threshold', () => {
  it('divide the acceptable latency by the time per message, rounded down to two decimals', () => {
    expect(backlogPerTaskTarget({ acceptableLatency: 300, secondsPerMessage: 2 })).toBe(150);
    expect(backlogPerTaskTarget({ acceptableLatency: 60, secondsPerMessage: 7 })).toBe(8.57);
    expect(backlogPerTaskTarget({ targetBacklogPerTask: 12.5 })).toBe(12.5);
    expect(backlogTargetProblems({ acceptableLatency: 2, secondsPerMessage: 2 })).toEqual([]);
  });

  it('alarm at twice the latency, 15 minutes without one, plus 5 minutes for a worker that may scale to zero', () => {
    expect(oldestMessageAlarmAge({ acceptableLatency: 300, scalesToZero: false })).toBe(600);
    expect(oldestMessageAlarmAge({ acceptableLatency: 300, scalesToZero: true })).toBe(900);
    expect(oldestMessageAlarmAge({ scalesToZero: false })).toBe(900);
  });
});

describe('QueueAlarms', () => {
  it('alarm on the age of the oldest message and on a dead-letter queue that is not empty, to the topic', () => {
    const stack = testStack();
    const alarms = new QueueAlarms(stack, 'queue-alarms', {
      environment: 'prod',
      name: 'order-worker',
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:prod-alarms',
      queueName: 'prod-order-worker',
      deadLetterQueueName: 'prod-order-worker-dlq',
      maxMessageAge: 600,
    });
    expect(Object.keys(alarms.alarms)).toEqual(['oldest-message-age', 'dead-letters']);
    const template = Template.fromStack(stack);
    const notify = { actions_enabled: true, alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:prod-alarms'], ok_actions: ['arn:aws:sns:eu-west-1:123456789012:prod-alarms'] };
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'queue-alarms/oldest-message-age-alarm', {
      alarm_name: 'prod-order-worker-oldest-message-age',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateAgeOfOldestMessage',
      dimensions: { QueueName: 'prod-order-worker' },
      statistic: 'Maximum',
      period: 60,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      comparison_operator: 'GreaterThanThreshold',
      threshold: 600,
      treat_missing_data: 'notBreaching',
      ...notify,
    });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'queue-alarms/dead-letters-alarm', {
      alarm_name: 'prod-order-worker-dead-letters',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'prod-order-worker-dlq' },
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      evaluation_periods: 1,
      treat_missing_data: 'notBreaching',
      ...notify,
    });
  });

  it('has no dead-letter alarm without a dead-letter queue, and refuses a bad age and empty names', () => {
    const stack = testStack();
    const alarms = new QueueAlarms(stack, 'a', { environment: 'prod', name: 'w', topicArn: 't', queueName: 'q', maxMessageAge: 60 });
    expect(Object.keys(alarms.alarms)).toEqual(['oldest-message-age']);
    expect(problemsOf(() => new QueueAlarms(stack, 'b', { environment: '', name: '', topicArn: 't', queueName: '', maxMessageAge: 30 }))).toEqual([
      'environment: must not be empty: it begins every alarm name',
      'name: must not be empty: it names the alarms',
      'queueName: must not be empty: it is the QueueName dimension',
      'maxMessageAge: must be between 60 and 1209600 seconds, got 30',
    ]);
    expect(problemsOf(() => new QueueAlarms(stack, 'c', { environment: 'p', name: 'w', topicArn: 't', queueName: 'q', maxMessageAge: 90.5 }))).toEqual([
      'maxMessageAge: must be a whole number of seconds, got number 90.5',
    ]);
  });
});

describe('ScheduleAlarms', () => {
  it('watch the schedule group for failed and dropped invocations, and each job\'s dead-letter queue', () => {
    const stack = testStack();
    const alarms = new ScheduleAlarms(stack, 'jobs', {
      environment: 'prod',
      scheduleGroupName: 'prod',
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:prod-alarms',
      jobs: [{ name: 'nightly-cleanup', deadLetterQueueName: 'prod-nightly-cleanup-failed-runs' }],
    });
    expect(Object.keys(alarms.jobAlarms)).toEqual(['nightly-cleanup']);
    const template = Template.fromStack(stack);
    for (const [kind, metric] of [
      ['target-errors', 'TargetErrorCount'],
      ['dropped-invocations', 'InvocationDroppedCount'],
    ]) {
      template.resourceMatches('aws_cloudwatch_metric_alarm', `jobs/${kind}-alarm`, {
        alarm_name: `prod-schedules-${kind}`,
        namespace: 'AWS/Scheduler',
        metric_name: metric,
        dimensions: { ScheduleGroup: 'prod' },
        statistic: 'Sum',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        alarm_actions: ['arn:aws:sns:eu-west-1:123456789012:prod-alarms'],
      });
    }
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'jobs/nightly-cleanup-failed-invocations-alarm', {
      alarm_name: 'prod-nightly-cleanup-failed-invocations',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'prod-nightly-cleanup-failed-runs' },
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
  });

  it('refuses empty names and a job named twice', () => {
    const stack = testStack();
    const job = { name: 'cleanup', deadLetterQueueName: 'q' };
    expect(problemsOf(() => new ScheduleAlarms(stack, 'jobs', { environment: '', scheduleGroupName: '', topicArn: 't', jobs: [job, job] }))).toEqual([
      'environment: must not be empty: it begins every alarm name',
      'scheduleGroupName: must not be empty: it is the ScheduleGroup dimension',
      'jobs[1].name: "cleanup" is already the name of another job',
    ]);
  });
});
