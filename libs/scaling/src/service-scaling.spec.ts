import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import type { TerraformStack } from 'cdktf';
import { ServiceScaling, type ServiceScalingProps } from './service-scaling';

const LOAD_BALANCER = 'app/prod-public/50dc6c495c0c9188';
const TARGET_GROUP = 'targetgroup/prod-storefront/73e2d6bc24d8a067';

function scalingProps(overrides: Partial<ServiceScalingProps> = {}): ServiceScalingProps {
  return {
    service: { clusterName: 'prod', serviceName: 'prod-storefront' },
    namePrefix: 'prod-storefront',
    minCapacity: 3,
    maxCapacity: 12,
    loadBalancerTarget: { loadBalancerArnSuffix: LOAD_BALANCER, targetGroupArnSuffix: TARGET_GROUP },
    ...overrides,
  };
}

function scaling(overrides: Partial<ServiceScalingProps> = {}): { stack: TerraformStack; scaling: ServiceScaling } {
  const stack = testStack();
  return { stack, scaling: new ServiceScaling(stack, 'scaling', scalingProps(overrides)) };
}

/** The problems an InvalidPropsError lists, as `path: message` lines. */
function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((p) => `${formatPropPath(p.path) || '(props)'}: ${p.message}`);
    throw error;
  }
  throw new Error('expected InvalidPropsError');
}

const TARGET = 'scaling/scalable-target';

describe('ServiceScaling: scalable target', () => {
  it('registers the service with the given minimum and maximum; Terraform owns them without schedules', () => {
    const { stack } = scaling();
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_appautoscaling_target', TARGET, Match.objectEquals({
      service_namespace: 'ecs',
      resource_id: 'service/prod/prod-storefront',
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: 3,
      max_capacity: 12,
    }));
    template.resourceCountIs('aws_appautoscaling_policy', 0);
  });

  it('refuses capacities out of range or the wrong way round, and an empty name prefix, all at once', () => {
    expect(problemsOf(() => scaling({ minCapacity: 4, maxCapacity: 2 }))).toEqual(['minCapacity: 4 is greater than maxCapacity 2']);
    expect(problemsOf(() => scaling({ minCapacity: -1, maxCapacity: 1.5, namePrefix: '' }))).toEqual([
      'minCapacity: must be between 0 and 1000, got -1',
      'maxCapacity: must be a whole number, got number 1.5',
      'namePrefix: must not be empty: it begins every policy and scheduled action name',
    ]);
  });

  it('names the construct in the error', () => {
    expect(() => scaling({ minCapacity: 4, maxCapacity: 2 })).toThrow('test/scaling: invalid prop\n  minCapacity: 4 is greater than maxCapacity 2');
  });
});

describe('ServiceScaling: target tracking policies', () => {
  it('tracks average CPU on the registered target, out fast and in slowly by default', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnCpuUtilization({ targetUtilizationPercent: 55 });
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_appautoscaling_policy', 'scaling/cpu-policy', {
      name: 'prod-storefront-cpu',
      policy_type: 'TargetTrackingScaling',
      service_namespace: template.ref('aws_appautoscaling_target', TARGET, 'service_namespace'),
      resource_id: template.ref('aws_appautoscaling_target', TARGET, 'resource_id'),
      scalable_dimension: template.ref('aws_appautoscaling_target', TARGET, 'scalable_dimension'),
      target_tracking_scaling_policy_configuration: Match.objectEquals({
        target_value: 55,
        scale_out_cooldown: 60,
        scale_in_cooldown: 300,
        disable_scale_in: false,
        predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      }),
      depends_on: [template.address('aws_appautoscaling_target', TARGET)],
    });
  });

  it('tracks memory with its own cooldowns and scale-in disabled', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnMemoryUtilization({ targetUtilizationPercent: 70, scaleInCooldown: 900, scaleOutCooldown: 30, disableScaleIn: true });
    Template.fromStack(stack).resourceMatches('aws_appautoscaling_policy', 'scaling/memory-policy', {
      name: 'prod-storefront-memory',
      target_tracking_scaling_policy_configuration: Match.objectEquals({
        target_value: 70,
        scale_out_cooldown: 30,
        scale_in_cooldown: 900,
        disable_scale_in: true,
        predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageMemoryUtilization' },
      }),
    });
  });

  it('tracks requests per target with the load balancer / target group resource label', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnRequestCount({ requestsPerTarget: 800 });
    Template.fromStack(stack).resourceMatches('aws_appautoscaling_policy', 'scaling/requests-policy', {
      name: 'prod-storefront-requests',
      target_tracking_scaling_policy_configuration: {
        target_value: 800,
        predefined_metric_specification: Match.objectEquals({
          predefined_metric_type: 'ALBRequestCountPerTarget',
          resource_label: `${LOAD_BALANCER}/${TARGET_GROUP}`,
        }),
      },
    });
  });

  it('tracks a custom CloudWatch metric with a customized metric specification', () => {
    const { stack, scaling: s } = scaling();
    const policy = s.scaleOnMetric('backlog', {
      metric: { namespace: 'Acme/Mailer', metricName: 'BacklogPerTask', dimensions: { Queue: 'mail' }, unit: 'Count' },
      targetValue: 100,
      scaleInCooldown: 600,
    });
    expect(s.policies.backlog).toBe(policy);
    Template.fromStack(stack).resourceMatches('aws_appautoscaling_policy', 'scaling/backlog-policy', {
      name: 'prod-storefront-backlog',
      policy_type: 'TargetTrackingScaling',
      target_tracking_scaling_policy_configuration: Match.objectEquals({
        target_value: 100,
        scale_out_cooldown: 60,
        scale_in_cooldown: 600,
        disable_scale_in: false,
        customized_metric_specification: {
          namespace: 'Acme/Mailer',
          metric_name: 'BacklogPerTask',
          statistic: 'Average',
          unit: 'Count',
          dimensions: [{ name: 'Queue', value: 'mail' }],
        },
      }),
    });
  });

  it('leaves unit and dimensions out of a custom metric that has none', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnMetric('queue-depth', { metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', statistic: 'Maximum' }, targetValue: 50 });
    expect(Template.fromStack(stack).resource('aws_appautoscaling_policy', 'scaling/queue-depth-policy').target_tracking_scaling_policy_configuration.customized_metric_specification).toEqual({
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
    });
  });

  it('applies the changes to one target one at a time, in the order they were added', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnCpuUtilization({ targetUtilizationPercent: 55 });
    s.scaleOnMemoryUtilization({ targetUtilizationPercent: 70 });
    s.scaleOnRequestCount({ requestsPerTarget: 800 });
    s.scaleOnSchedule('night', { schedule: 'cron(0 22 ? * * *)', timezone: 'Europe/Berlin', minCapacity: 3, maxCapacity: 6 });
    s.scaleOnSchedule('morning', { schedule: 'cron(0 6 ? * * *)', timezone: 'Europe/Berlin', minCapacity: 3, maxCapacity: 12 });
    const template = Template.fromStack(stack);
    const policy = (kind: string) => template.address('aws_appautoscaling_policy', `scaling/${kind}-policy`);
    expect(template.resource('aws_appautoscaling_policy', 'scaling/memory-policy').depends_on).toEqual([policy('cpu')]);
    expect(template.resource('aws_appautoscaling_policy', 'scaling/requests-policy').depends_on).toEqual([policy('memory')]);
    expect(template.resource('aws_appautoscaling_scheduled_action', 'scaling/schedule-night').depends_on).toEqual([policy('requests')]);
    expect(template.resource('aws_appautoscaling_scheduled_action', 'scaling/schedule-morning').depends_on).toEqual([
      template.address('aws_appautoscaling_scheduled_action', 'scaling/schedule-night'),
    ]);
    expect(Object.keys(s.policies)).toEqual(['cpu', 'memory', 'requests']);
  });

  it.each<[string, (s: ServiceScaling) => unknown, string[]]>([
    ['a CPU target below 10 %', (s) => s.scaleOnCpuUtilization({ targetUtilizationPercent: 5 }), ['targetUtilizationPercent: must be between 10 and 90 percent, got 5']],
    ['a memory target above 90 %', (s) => s.scaleOnMemoryUtilization({ targetUtilizationPercent: 95 }), ['targetUtilizationPercent: must be between 10 and 90 percent, got 95']],
    ['a request target of zero', (s) => s.scaleOnRequestCount({ requestsPerTarget: 0 }), ['requestsPerTarget: must be between 1 and 100000 requests per target per minute, got 0']],
    [
      'cooldowns out of range',
      (s) => s.scaleOnCpuUtilization({ targetUtilizationPercent: 50, scaleInCooldown: -1, scaleOutCooldown: 7200 }),
      ['scaleInCooldown: must be between 0 and 3600 seconds, got -1', 'scaleOutCooldown: must be between 0 and 3600 seconds, got 7200'],
    ],
    ['a fractional cooldown', (s) => s.scaleOnCpuUtilization({ targetUtilizationPercent: 50, scaleOutCooldown: 1.5 }), ['scaleOutCooldown: must be a whole number, got number 1.5']],
    [
      'the same policy twice',
      (s) => [s.scaleOnCpuUtilization({ targetUtilizationPercent: 50 }), s.scaleOnCpuUtilization({ targetUtilizationPercent: 60 })],
      ['(props): already has the target tracking policy "cpu"'],
    ],
    [
      'a custom metric policy under a predefined one\'s name',
      (s) => [s.scaleOnCpuUtilization({ targetUtilizationPercent: 50 }), s.scaleOnMetric('cpu', { metric: { namespace: 'Acme', metricName: 'Load' }, targetValue: 1 })],
      ['(props): already has the target tracking policy "cpu"'],
    ],
    [
      'a custom metric with a bad id, namespace, statistic, unit and target',
      (s) =>
        s.scaleOnMetric('Backlog', {
          // A JavaScript caller (or a cast) can pass what the types forbid.
          metric: { namespace: 'Acme|Mailer', metricName: '', statistic: 'p99' as 'Average', unit: 'Messages' },
          targetValue: 0,
        }),
      [
        'id: "Backlog" must be 1 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen',
        'metric.namespace: "Acme|Mailer" must be a CloudWatch namespace: 1 to 255 letters, digits, spaces and . - _ / # :',
        'metric.metricName: must be a metric name of 1 to 255 characters, got the string ""',
        'metric.statistic: must be one of "Average", "Sum", "Minimum", "Maximum", "SampleCount", got the string "p99"',
        'metric.unit: "Messages" is not a CloudWatch unit (Count, Percent, Seconds, Bytes, Count/Second, ...)',
        'targetValue: must be a number greater than 0, got number 0',
      ],
    ],
  ])('refuses %s', (_, add, expected) => {
    expect(problemsOf(() => add(scaling().scaling))).toEqual(expected);
  });

  it('refuses a policy while the minimum equals the maximum: it could never change the count', () => {
    expect(problemsOf(() => scaling({ minCapacity: 2, maxCapacity: 2 }).scaling.scaleOnCpuUtilization({ targetUtilizationPercent: 50 }))).toEqual([
      '(props): has target tracking policies but minCapacity equals maxCapacity (2), so they could never change the task count; raise maxCapacity or remove the targets',
    ]);
  });

  it('refuses request-count scaling without a load balancer target', () => {
    expect(problemsOf(() => scaling({ loadBalancerTarget: undefined }).scaling.scaleOnRequestCount({ requestsPerTarget: 100 }))).toEqual([
      'requestsPerTarget: needs a load-balanced service: the scaled service has no loadBalancerTarget whose requests could be counted',
    ]);
  });
});

describe('ServiceScaling: scheduled actions', () => {
  const night = { schedule: 'cron(0 22 ? * * *)', timezone: 'Europe/Berlin', minCapacity: 1, maxCapacity: 2 };
  const morning = { schedule: 'cron(0 6 ? * * *)', timezone: 'Europe/Berlin', minCapacity: 3, maxCapacity: 12 };

  it('changes min and max on a cron schedule in a time zone, and makes Terraform ignore them on the target', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnSchedule('night', night);
    s.scaleOnSchedule('morning', morning);
    const template = Template.fromStack(stack);
    template.resourceMatches('aws_appautoscaling_scheduled_action', 'scaling/schedule-night', {
      name: 'prod-storefront-night',
      service_namespace: template.ref('aws_appautoscaling_target', TARGET, 'service_namespace'),
      resource_id: template.ref('aws_appautoscaling_target', TARGET, 'resource_id'),
      scalable_dimension: template.ref('aws_appautoscaling_target', TARGET, 'scalable_dimension'),
      schedule: 'cron(0 22 ? * * *)',
      timezone: 'Europe/Berlin',
      scalable_target_action: { min_capacity: '1', max_capacity: '2' },
    });
    expect(template.resource('aws_appautoscaling_target', TARGET).lifecycle).toEqual({ ignore_changes: ['min_capacity', 'max_capacity'] });
    expect(Object.keys(s.scheduledActions)).toEqual(['night', 'morning']);
    expect(s.lowestCapacity).toBe(1);
  });

  it('reads a schedule in UTC by default', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnSchedule('always', { schedule: 'cron(0 0 1 JAN ? *)', minCapacity: 3, maxCapacity: 12 });
    expect(Template.fromStack(stack).resource('aws_appautoscaling_scheduled_action', 'scaling/schedule-always').timezone).toBe('UTC');
  });

  it('production (the default) never schedules a service down to zero tasks; non-production may', () => {
    const stop = { ...night, minCapacity: 0, maxCapacity: 0 };
    expect(problemsOf(() => scaling().scaling.scaleOnSchedule('night', stop))).toEqual([
      'minCapacity: production tier never schedules a service down to zero tasks; use 1 or more',
    ]);
    const { scaling: dev } = scaling({ tier: 'non-production' });
    expect(() => dev.scaleOnSchedule('night', stop)).not.toThrow();
    expect(dev.lowestCapacity).toBe(0);
  });

  it('refuses a bad name, a repeated name, a bad cron expression, an unknown zone and capacities the wrong way round', () => {
    const { scaling: s } = scaling();
    s.scaleOnSchedule('night', night);
    expect(problemsOf(() => s.scaleOnSchedule('night', morning))).toEqual(['name: "night" is already the name of schedules[0]']);
    expect(problemsOf(() => s.scaleOnSchedule('Morning', { schedule: 'cron(0 6 * * 1-5)', timezone: 'Europe/Berln', minCapacity: 5, maxCapacity: 4 }))).toEqual([
      'name: "Morning" must be 1 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen',
      'schedule: "cron(0 6 * * 1-5)" has 5 fields; Application Auto Scaling needs 6: Minutes Hours Day-of-month Month Day-of-week Year',
      'timezone: "Europe/Berln" is not an IANA time zone like "Europe/Berlin" or "UTC" (did you mean "Europe/Berlin"?)',
      'minCapacity: 5 is greater than maxCapacity 4',
    ]);
  });

  it('fails synthesis when no schedule restores the target\'s own minimum and maximum', () => {
    const { stack, scaling: s } = scaling();
    s.scaleOnSchedule('night', night);
    expect(s.node.validate()).toEqual([
      'schedules: none sets minCapacity 3 and maxCapacity 12 back; add one (for example in the morning), or the service keeps the last scheduled size',
    ]);
    // The app's synth runs every construct's validations (App skipValidation is false by default).
    expect(() => stack.runAllValidations()).toThrow('[test/scaling] schedules: none sets minCapacity 3');
    s.scaleOnSchedule('morning', morning);
    expect(s.node.validate()).toEqual([]);
  });
});
