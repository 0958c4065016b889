import { ECS_PLATFORM_RULES, evaluateStack, violations } from '@ecs-platform/policy';
import { Match, Template } from '@ecs-platform/testing';
import { jobScheduleProblem, jobScheduleProblems } from './job-checks';
import { ScheduledTask, type ScheduledTaskProps, ScheduleGroup } from './scheduled-task';
import { ACCOUNT, environment, type Environment, IMAGE, KEY_ARN, PRIVATE_SUBNETS, refusal, REGION, VPC_ID } from './spec-fixtures';

const JOB = 'nightly-cleanup';

function jobProps(env: Environment, group: ScheduleGroup, more: Partial<ScheduledTaskProps> = {}): ScheduledTaskProps {
  return {
    name: JOB,
    environmentName: 'shop',
    accountId: ACCOUNT,
    region: REGION,
    cluster: env.cluster,
    network: { vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS },
    logKmsKeyArn: KEY_ARN,
    scheduleGroup: group,
    schedule: 'cron(0 3 * * ? *)',
    timezone: 'Europe/Berlin',
    image: IMAGE,
    cpu: 256,
    memory: 512,
    command: ['node', 'src/cleanup.js'],
    ...more,
  };
}

function job(more: Partial<ScheduledTaskProps> = {}, tier?: 'non-production', cluster = {}) {
  const env = environment(tier, cluster);
  const group = new ScheduleGroup(env.stack, 'schedule-group', { environmentName: 'shop', accountId: ACCOUNT, region: REGION });
  const task = new ScheduledTask(env.stack, JOB, jobProps(env, group, { tier, ...more }));
  return { env, group, task, template: () => Template.fromStack(env.stack) };
}

describe('ScheduledTask', () => {
  const { task, template: synth } = job();
  const template = synth();

  it('runs hardened tasks of its pinned image on a schedule, with no ECS service', () => {
    template.resourceCountIs('aws_ecs_service', 0);
    template.resourceMatches('aws_ecs_task_definition', `${JOB}/task-definition`, {
      family: 'shop-nightly-cleanup',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      execution_role_arn: template.ref('aws_iam_role', `${JOB}/execution-role`, 'arn'),
      task_role_arn: template.ref('aws_iam_role', `${JOB}/task-role`, 'arn'),
      skip_destroy: true,
      lifecycle: { create_before_destroy: true },
      depends_on: [template.address('aws_iam_role_policy', `${JOB}/execution-role-policy`), template.address('aws_cloudwatch_log_group', `${JOB}/log-group`)],
    });
    const [container] = JSON.parse(template.resource('aws_ecs_task_definition', `${JOB}/task-definition`).container_definitions);
    expect(container).toMatchObject({
      name: JOB,
      image: IMAGE,
      essential: true,
      command: ['node', 'src/cleanup.js'],
      readonlyRootFilesystem: true,
      user: '1000',
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop/nightly-cleanup' } },
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
    });
    template.resourceMatches('aws_cloudwatch_log_group', `${JOB}/log-group`, { name: '/ecs/shop/nightly-cleanup', retention_in_days: 365, kms_key_id: KEY_ARN });
  });

  it('is started by EventBridge Scheduler in the private subnets with its own security group, no public IP, retries and a dead-letter queue', () => {
    template.resourceMatches('aws_scheduler_schedule', `${JOB}/schedule`, {
      name: JOB,
      group_name: template.ref('aws_scheduler_schedule_group', 'schedule-group/group', 'name'),
      schedule_expression: 'cron(0 3 * * ? *)',
      schedule_expression_timezone: 'Europe/Berlin',
      state: 'ENABLED',
      flexible_time_window: { mode: 'OFF' },
      target: {
        arn: template.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
        role_arn: template.ref('aws_iam_role', `${JOB}/scheduler-role`, 'arn'),
        dead_letter_config: { arn: template.ref('aws_sqs_queue', `${JOB}/dead-letter-queue/queue`, 'arn') },
        retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
        ecs_parameters: Match.objectEquals({
          task_definition_arn: template.ref('aws_ecs_task_definition', `${JOB}/task-definition`, 'arn'),
          task_count: 1,
          capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
          platform_version: 'LATEST',
          network_configuration: {
            subnets: PRIVATE_SUBNETS,
            security_groups: [template.ref('aws_security_group', `${JOB}/security-group`)],
            assign_public_ip: false,
          },
          enable_ecs_managed_tags: true,
          propagate_tags: 'TASK_DEFINITION',
        }),
      },
      depends_on: [template.address('aws_iam_role_policy', `${JOB}/scheduler-role-policy`), template.address('aws_ecs_cluster_capacity_providers', 'cluster/capacity-providers')],
    });
    template.resourceMatches('aws_scheduler_schedule_group', 'schedule-group/group', { name: 'shop' });
    template.resourceMatches('aws_sqs_queue', `${JOB}/dead-letter-queue/queue`, { name: 'shop-nightly-cleanup-failed-invocations', sqs_managed_sse_enabled: true });
    template.resourceMatches('aws_security_group', `${JOB}/security-group`, { name_prefix: 'shop-nightly-cleanup-tasks-', vpc_id: VPC_ID });
    expect(template.resources('aws_vpc_security_group_ingress_rule').filter((rule) => rule.path.startsWith(`${JOB}/`))).toEqual([]);
  });

  it('gives the scheduler a role of this group only, that may run this family in this cluster and pass exactly the job\'s two roles to ECS tasks', () => {
    const trust = JSON.parse(template.resource('aws_iam_role', `${JOB}/scheduler-role`).assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'TrustSchedulesOfThisGroup',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/shop` } },
      },
    ]);
    template.resourceMatches('aws_iam_role', `${JOB}/scheduler-role`, { name: 'shop-nightly-cleanup-scheduler' });
    const policy = JSON.parse(template.resource('aws_iam_role_policy', `${JOB}/scheduler-role-policy`).policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'RunTheJobsTaskDefinition',
        Effect: 'Allow',
        Action: 'ecs:RunTask',
        Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/shop-nightly-cleanup:*`,
        Condition: { ArnEquals: { 'ecs:cluster': template.ref('aws_ecs_cluster', 'cluster/cluster', 'arn') } },
      },
      {
        Sid: 'PassTheJobsRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: [template.ref('aws_iam_role', `${JOB}/execution-role`, 'arn'), template.ref('aws_iam_role', `${JOB}/task-role`, 'arn')],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
      {
        Sid: 'TagTheTasksItStarts',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${template.ref('aws_ecs_cluster', 'cluster/cluster', 'name')}/*`,
        Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
      },
      { Sid: 'ReportFailedInvocations', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: template.ref('aws_sqs_queue', `${JOB}/dead-letter-queue/queue`, 'arn') },
    ]);
    expect(task.family).toBe('shop-nightly-cleanup');
  });

  it('passes the policy pack', () => {
    const report = evaluateStack(template.json, { stackName: 'test', tier: 'production', rules: ECS_PLATFORM_RULES });
    // The job's resources; IAM-005 (the workload boundary) is given by the environment stack's
    // aspect, not by the construct.
    const ofTheJob = violations(report).filter((finding) => /nightly-cleanup|schedule-group/.test(finding.address) && finding.rule.id !== 'IAM-005');
    expect(ofTheJob.map((finding) => `${finding.rule.id} ${finding.address}`)).toEqual([]);
    const passed = report.rules.filter((rule) => rule.passed.some((address) => address.includes('nightly-cleanup'))).map((rule) => rule.rule.id);
    expect(passed).toEqual(expect.arrayContaining(['ECS-006', 'ECS-007', 'ECS-017', 'SQS-001', 'SQS-003', 'LOG-001', 'LOG-002']));
  });
});

describe('ScheduledTask: options', () => {
  it('reads a rate without a time zone, and takes its retry policy', () => {
    const { template } = job({ schedule: 'rate(6 hours)', timezone: undefined, retryPolicy: { maximumRetryAttempts: 0, maximumEventAge: 600 } });
    const schedule = template().resource('aws_scheduler_schedule', `${JOB}/schedule`);
    expect(schedule.schedule_expression).toBe('rate(6 hours)');
    expect(schedule.schedule_expression_timezone).toBeUndefined();
    expect(schedule.target.retry_policy).toEqual({ maximum_retry_attempts: 0, maximum_event_age_in_seconds: 600 });
  });

  it('reads a cron schedule in UTC unless told', () => {
    const { template } = job({ timezone: undefined });
    expect(template().resource('aws_scheduler_schedule', `${JOB}/schedule`).schedule_expression_timezone).toBe('UTC');
  });

  it('runs on the cluster\'s EC2 capacity when its strategy says so, spread over the zones', () => {
    const { template } = job({ capacity: { ec2: 1 } }, undefined, {
      ec2Capacity: { instanceType: 'm7i.large', minSize: 1, maxSize: 2, vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS },
    });
    const synthesized = template();
    expect(synthesized.resource('aws_scheduler_schedule', `${JOB}/schedule`).target.ecs_parameters).toMatchObject({
      capacity_provider_strategy: [{ capacity_provider: 'shop-ec2', weight: 1 }],
      placement_strategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    });
    expect(synthesized.resource('aws_ecs_task_definition', `${JOB}/task-definition`).requires_compatibilities).toEqual(['EC2']);
  });

  it('grants its task role statements and opens declared egress', () => {
    const { task, template } = job({ egress: [{ port: 5432, cidr: '10.0.224.0/20', description: 'PostgreSQL' }] });
    task.grant({ sid: 'PurgeExports', actions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::shop-exports/*'], reason: 'expired exports, by key' });
    const synthesized = template();
    expect(JSON.parse(synthesized.resource('aws_iam_role_policy', `${JOB}/task-role-policy`).policy).Statement).toEqual([
      { Sid: 'PurgeExports', Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::shop-exports/*'] },
    ]);
    expect(synthesized.resource('aws_ecs_task_definition', `${JOB}/task-definition`).depends_on).toContain(
      synthesized.address('aws_iam_role_policy', `${JOB}/task-role-policy`),
    );
    synthesized.resourceMatches('aws_vpc_security_group_egress_rule', `${JOB}/egress-5432-10.0.224.0_20`, { from_port: 5432, cidr_ipv4: '10.0.224.0/20' });
  });

  it('refuses a bad schedule, zone, retry policy, size and name, every problem at once', () => {
    const env = environment();
    const group = new ScheduleGroup(env.stack, 'schedule-group', { environmentName: 'shop', accountId: ACCOUNT, region: REGION });
    expect(
      refusal(
        () =>
          new ScheduledTask(
            env.stack,
            'bad',
            jobProps(env, group, {
              name: 'nightly cleanup',
              schedule: 'cron(0 3 * * *)',
              retryPolicy: { maximumRetryAttempts: 186, maximumEventAge: 30 },
              cpu: 300,
              logRetentionDays: 30,
            }),
          ),
      ),
    ).toEqual([
      'name: "nightly cleanup" must be letters, digits, hyphens and underscores',
      'schedule: "cron(0 3 * * *)" has 5 fields; EventBridge Scheduler needs 6: Minutes Hours Day-of-month Month Day-of-week Year',
      'retryPolicy.maximumRetryAttempts: must be between 0 and 185, got 186',
      'retryPolicy.maximumEventAge: must be between 60 and 86400 seconds, got 30',
      'cpu: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
      'logRetentionDays: production tier keeps service logs at least 365 days; got 30',
    ]);
    expect(refusal(() => new ScheduledTask(env.stack, 'zone', jobProps(env, group, { schedule: 'rate(1 day)', timezone: 'Europe/Berlin' })))).toEqual([
      'timezone: is only for cron(...) schedules: a rate(...) runs at fixed intervals from when the schedule is created',
    ]);
    expect(refusal(() => new ScheduledTask(env.stack, 'zone2', jobProps(env, group, { timezone: 'Europe/Berln' })))).toEqual([
      'timezone: "Europe/Berln" is not an IANA time zone like "Europe/Berlin" or "UTC" (did you mean "Europe/Berlin"?)',
    ]);
  });
});

describe('schedule expressions', () => {
  it.each([
    ['cron(0 3 * * ? *)', undefined],
    ['rate(1 day)', undefined],
    ['rate(15 minutes)', undefined],
    ['at(2026-12-24T18:00:00)', '"at(2026-12-24T18:00:00)" must be a cron(...) or a rate(...) expression, like "cron(0 3 * * ? *)" (03:00 every day) or "rate(6 hours)"'],
    ['rate(1 days)', '"rate(1 days)": a value of 1 takes the singular unit ("rate(1 day)")'],
    ['rate(2 hour)', '"rate(2 hour)": a value above 1 takes the plural unit ("rate(2 hours)")'],
    ['rate(0 minutes)', '"rate(0 minutes)": the value must be 1 or more'],
    ['rate(1 week)', '"rate(1 week)" must be a rate expression like "rate(1 day)" or "rate(6 hours)": rate(<value> minute|minutes|hour|hours|day|days)'],
    ['cron(0 3 * * * *)', '"cron(0 3 * * * *)": exactly one of day-of-month and day-of-week must be "?"'],
  ])('%s', (expression, problem) => {
    expect(jobScheduleProblem(expression)).toBe(problem);
  });

  it('need a time zone with cron where the caller requires one (the definition), and none with rate', () => {
    expect(jobScheduleProblems({ schedule: 'cron(0 3 * * ? *)' }, { timezoneRequired: true }).map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'timezone: is required with a cron(...) schedule: an IANA zone like "Europe/Berlin" or "UTC"',
    ]);
    expect(jobScheduleProblems({ schedule: 'cron(0 3 * * ? *)' }, { timezoneRequired: false })).toEqual([]);
  });
});
