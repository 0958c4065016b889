import type { JobDefinition, ServiceDefinition } from '@ecs-platform/environment-definition';
import { Template, testStack } from '@ecs-platform/testing';
import { type ComputeDefinition, ComputeFromDefinition, isAutoScaled } from './compute';
import { ScalingFromDefinition } from './scaling';

// The queue worker and scheduled job patterns, from a definition (docs/service-patterns.md).
const NETWORK = { vpcId: 'vpc-1', vpcCidr: '10.20.0.0/16', publicSubnetIds: ['subnet-pa', 'subnet-pb'], privateSubnetIds: ['subnet-a', 'subnet-b'] };
const IMAGE = { repository: 'sample-service', tag: '1.2.3' };

function queueWorker(more: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    name: 'order-worker',
    kind: 'worker',
    image: IMAGE,
    command: ['node', 'src/worker.js'],
    cpu: 256,
    memory: 512,
    desiredCount: 2,
    minCount: 2,
    maxCount: 6,
    containerHealthCheck: { command: ['CMD-SHELL', 'test -f /tmp/heartbeat'] },
    queue: { create: { visibilityTimeout: 60 }, acceptableLatency: 300, secondsPerMessage: 2 },
    ...more,
  };
}

const CLEANUP: JobDefinition = { name: 'nightly-cleanup', image: IMAGE, command: ['node', 'src/cleanup.js'], cpu: 256, memory: 512, schedule: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' };

function definition(more: Partial<ComputeDefinition> = {}): ComputeDefinition & { monitoring: { alarmEmails: string[] } } {
  return {
    name: 'prod',
    tier: 'production',
    accountId: '456789012345',
    region: 'eu-central-1',
    dns: { domainName: 'shop.example.com', hostedZoneId: 'Z0PROD' },
    services: [queueWorker()],
    monitoring: { alarmEmails: ['ops@example.com'] },
    ...more,
  };
}

function build(def: ReturnType<typeof definition>) {
  const stack = testStack();
  const compute = new ComputeFromDefinition(stack, 'compute', { definition: def, network: NETWORK });
  const scaling = new ScalingFromDefinition(stack, 'scaling', {
    definition: def,
    services: compute.services,
    queues: compute.queues,
    ...(compute.scheduleGroup ? { jobs: { group: compute.scheduleGroup, tasks: compute.jobs } } : {}),
  });
  return { stack, compute, scaling, template: Template.fromStack(stack) };
}

describe('a queue worker from the definition', () => {
  it('gets its queue and dead-letter queue, consumes it, scales on its backlog and alarms on its age and dead letters', () => {
    const { template, scaling } = build(definition());
    template.resourceMatches('aws_sqs_queue', 'compute/queues/order-worker/queue', { name: 'prod-order-worker', visibility_timeout_seconds: 60 });
    template.resourceMatches('aws_sqs_queue', 'compute/queues/order-worker/dead-letter-queue/queue', { name: 'prod-order-worker-dlq' });
    const [container] = JSON.parse(template.resource('aws_ecs_task_definition', 'compute/services/order-worker/task-definition').container_definitions);
    expect(container.environment).toEqual([{ name: 'QUEUE_URL', value: template.ref('aws_sqs_queue', 'compute/queues/order-worker/queue', 'url') }]);
    expect(JSON.parse(template.resource('aws_iam_role_policy', 'compute/services/order-worker/task-role-policy').policy).Statement[0]).toMatchObject({
      Sid: 'ConsumeQueue',
      Resource: [template.ref('aws_sqs_queue', 'compute/queues/order-worker/queue', 'arn')],
    });
    template.resourceMatches('aws_appautoscaling_target', 'scaling/order-worker/scaling/scalable-target', { min_capacity: 2, max_capacity: 6 });
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/order-worker/scaling/backlog-policy', {
      name: 'prod-order-worker-backlog',
      target_tracking_scaling_policy_configuration: { target_value: 150 },
    });
    // Two tasks at least: no wake-up, and no cold start in the alarm's threshold (2 x 300 s).
    template.resourceCountIs('aws_appautoscaling_policy', 1);
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/order-worker/queue-alarms/oldest-message-age-alarm', { threshold: 600 });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/order-worker/queue-alarms/dead-letters-alarm', {
      dimensions: { QueueName: template.ref('aws_sqs_queue', 'compute/queues/order-worker/dead-letter-queue/queue', 'name') },
    });
    expect(template.resource('aws_ecs_service', 'compute/services/order-worker/service').lifecycle.ignore_changes).toEqual(['desired_count']);
    expect(scaling.services['order-worker'].queueAlarms).toBeDefined();
    template.hasOutput('queue_urls', { value: { 'order-worker': template.ref('aws_sqs_queue', 'compute/queues/order-worker/queue', 'url') } });
  });

  it('scales to zero with the wake-up, waits longer before the age alarm, and keeps the CPU policy of its scaling block', () => {
    const def = definition({ tier: 'non-production', services: [queueWorker({ minCount: 0, desiredCount: 0, scaling: { cpuTarget: 70, scaleOutCooldown: 30 } })] });
    const { template } = build(def);
    expect(template.resources('aws_appautoscaling_policy').map((policy) => policy.path)).toEqual([
      'scaling/order-worker/scaling/cpu-policy',
      'scaling/order-worker/scaling/backlog-policy',
      'scaling/order-worker/scaling/wake-up-policy',
    ]);
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/order-worker/scaling/backlog-policy', {
      target_tracking_scaling_policy_configuration: { scale_out_cooldown: 30 },
    });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/order-worker/queue-alarms/oldest-message-age-alarm', { threshold: 900 });
    // Zero tasks is allowed: no running-tasks alarm.
    expect(template.resources('aws_cloudwatch_metric_alarm').map((alarm) => alarm.path)).not.toContain('scaling/order-worker/alarms/running-tasks-low-alarm');
  });

  it('consumes an existing queue by ARN, its key and its dead-letter queue', () => {
    const key = 'arn:aws:kms:eu-central-1:456789012345:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const queue = { arn: 'arn:aws:sqs:eu-central-1:456789012345:orders', deadLetterQueueArn: 'arn:aws:sqs:eu-central-1:456789012345:orders-dlq', kmsKeyArn: key, targetBacklogPerTask: 40, maxMessageAge: 1200 };
    const { template } = build(definition({ services: [queueWorker({ queue })] }));
    template.resourceCountIs('aws_sqs_queue', 0);
    expect(JSON.parse(template.resource('aws_iam_role_policy', 'compute/services/order-worker/task-role-policy').policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'ConsumeQueue', Resource: ['arn:aws:sqs:eu-central-1:456789012345:orders'] }),
      expect.objectContaining({ Sid: 'DecryptQueueMessages', Resource: [key] }),
    ]);
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/order-worker/scaling/backlog-policy', { target_tracking_scaling_policy_configuration: { target_value: 40 } });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/order-worker/queue-alarms/oldest-message-age-alarm', { threshold: 1200, dimensions: { QueueName: 'orders' } });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/order-worker/queue-alarms/dead-letters-alarm', { dimensions: { QueueName: 'orders-dlq' } });
  });

  it('is auto-scaled by its queue alone', () => {
    expect(isAutoScaled({ queue: { create: {}, targetBacklogPerTask: 5 } })).toBe(true);
    expect(isAutoScaled({})).toBe(false);
  });
});

describe('scheduled jobs from the definition', () => {
  it('make the environment\'s schedule group, a scheduled task per job under compute/jobs, and their alarms', () => {
    const { template, compute, scaling } = build(definition({ jobs: [CLEANUP] }));
    template.resourceMatches('aws_scheduler_schedule_group', 'compute/schedule-group/group', { name: 'prod' });
    template.resourceMatches('aws_scheduler_schedule', 'compute/jobs/nightly-cleanup/schedule', {
      name: 'nightly-cleanup',
      schedule_expression: 'cron(30 2 * * ? *)',
      schedule_expression_timezone: 'Europe/Berlin',
    });
    template.resourceMatches('aws_ecs_task_definition', 'compute/jobs/nightly-cleanup/task-definition', { family: 'prod-nightly-cleanup' });
    const [container] = JSON.parse(template.resource('aws_ecs_task_definition', 'compute/jobs/nightly-cleanup/task-definition').container_definitions);
    expect(container.image).toBe('456789012345.dkr.ecr.eu-central-1.amazonaws.com/sample-service:1.2.3');
    expect(Object.keys(compute.jobs)).toEqual(['nightly-cleanup']);
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/jobs/target-errors-alarm', { alarm_name: 'prod-schedules-target-errors', dimensions: { ScheduleGroup: template.ref('aws_scheduler_schedule_group', 'compute/schedule-group/group', 'name') } });
    template.resourceMatches('aws_cloudwatch_metric_alarm', 'scaling/jobs/nightly-cleanup-failed-invocations-alarm', {
      dimensions: { QueueName: template.ref('aws_sqs_queue', 'compute/jobs/nightly-cleanup/dead-letter-queue/queue', 'name') },
    });
    expect(scaling.jobAlarms).toBeDefined();
    template.resourceCountIs('aws_ecs_service', 1);
  });

  it('make nothing of the kind without jobs', () => {
    const { template, compute, scaling } = build(definition());
    expect(template.resources('aws_scheduler_schedule_group')).toEqual([]);
    expect(compute.scheduleGroup).toBeUndefined();
    expect(scaling.jobAlarms).toBeUndefined();
  });
});
