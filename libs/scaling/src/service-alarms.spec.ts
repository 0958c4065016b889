import { formatPropPath, InvalidPropsError } from '@ecs-platform/construct-props';
import { type Json, Template, testStack } from '@ecs-platform/testing';
import { DEPLOYMENT_ALARM_KINDS, ServiceAlarms, type ServiceAlarmsProps } from './service-alarms';

const LOAD_BALANCER = 'app/prod-public/50dc6c495c0c9188';
const TARGET_GROUP = 'targetgroup/prod-storefront/73e2d6bc24d8a067';
const TOPIC = 'arn:aws:sns:eu-central-1:456789012345:prod-alarms';

const web: ServiceAlarmsProps = {
  service: { clusterName: 'prod', serviceName: 'prod-storefront' },
  environment: 'prod',
  name: 'storefront',
  topicArn: TOPIC,
  lowestTaskCount: 3,
  loadBalancerTarget: { loadBalancerArnSuffix: LOAD_BALANCER, targetGroupArnSuffix: TARGET_GROUP },
};
const worker: ServiceAlarmsProps = { ...web, service: { clusterName: 'prod', serviceName: 'prod-mailer' }, name: 'mailer', loadBalancerTarget: undefined };

function alarms(props: ServiceAlarmsProps): { template: Template; alarms: ServiceAlarms } {
  const stack = testStack();
  const construct = new ServiceAlarms(stack, 'alarms', props);
  return { template: Template.fromStack(stack), alarms: construct };
}

function problemsOf(props: ServiceAlarmsProps): string[] {
  try {
    alarms(props);
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.problems.map((p) => `${formatPropPath(p.path) || '(props)'}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('ServiceAlarms', () => {
  it('gives a service behind a load balancer every alarm, and one without the ECS ones', () => {
    expect(alarms(web).template.resources('aws_cloudwatch_metric_alarm').map((r) => r.path)).toEqual([
      'alarms/cpu-high-alarm',
      'alarms/memory-high-alarm',
      'alarms/running-tasks-low-alarm',
      'alarms/target-5xx-alarm',
      'alarms/load-balancer-5xx-alarm',
      'alarms/unhealthy-hosts-alarm',
      'alarms/latency-p95-alarm',
    ]);
    expect(alarms(worker).template.resources('aws_cloudwatch_metric_alarm').map((r) => r.path)).toEqual([
      'alarms/cpu-high-alarm',
      'alarms/memory-high-alarm',
      'alarms/running-tasks-low-alarm',
    ]);
  });

  it('notifies the topic on ALARM and on OK, and decides missing data on purpose', () => {
    for (const { config } of alarms(web).template.resources('aws_cloudwatch_metric_alarm')) {
      expect(config).toMatchObject({ actions_enabled: true, alarm_actions: [TOPIC], ok_actions: [TOPIC], period: 60 });
      expect(config.treat_missing_data).toMatch(/^(breaching|notBreaching)$/);
      expect(config.alarm_name).toMatch(/^prod-storefront-/);
    }
  });

  const ecs = { ClusterName: 'prod', ServiceName: 'prod-storefront' };
  const target = { LoadBalancer: LOAD_BALANCER, TargetGroup: TARGET_GROUP };
  it.each<[string, Json]>([
    [
      'cpu-high',
      { alarm_name: 'prod-storefront-cpu-high', namespace: 'AWS/ECS', metric_name: 'CPUUtilization', dimensions: ecs, statistic: 'Average', threshold: 85, comparison_operator: 'GreaterThanThreshold', treat_missing_data: 'notBreaching' },
    ],
    ['memory-high', { alarm_name: 'prod-storefront-memory-high', namespace: 'AWS/ECS', metric_name: 'MemoryUtilization', dimensions: ecs, statistic: 'Average', threshold: 85 }],
    [
      'running-tasks-low',
      {
        alarm_name: 'prod-storefront-running-tasks-low',
        namespace: 'ECS/ContainerInsights',
        metric_name: 'RunningTaskCount',
        dimensions: ecs,
        statistic: 'Minimum',
        comparison_operator: 'LessThanThreshold',
        threshold: 3,
        treat_missing_data: 'breaching',
      },
    ],
    [
      'target-5xx',
      { alarm_name: 'prod-storefront-target-5xx', namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', dimensions: target, statistic: 'Sum', threshold: 5, evaluation_periods: 3, datapoints_to_alarm: 2 },
    ],
    ['load-balancer-5xx', { alarm_name: 'prod-storefront-load-balancer-5xx', metric_name: 'HTTPCode_ELB_5XX_Count', dimensions: { LoadBalancer: LOAD_BALANCER }, statistic: 'Sum' }],
    [
      'unhealthy-hosts',
      { alarm_name: 'prod-storefront-unhealthy-hosts', metric_name: 'UnHealthyHostCount', dimensions: target, statistic: 'Maximum', comparison_operator: 'GreaterThanOrEqualToThreshold', threshold: 1, treat_missing_data: 'notBreaching' },
    ],
    [
      'latency-p95',
      { alarm_name: 'prod-storefront-latency-p95', metric_name: 'TargetResponseTime', dimensions: target, extended_statistic: 'p95', threshold: 1, evaluate_low_sample_count_percentiles: 'ignore' },
    ],
  ])('%s watches the right metric', (kind, expected) => {
    const alarm = alarms(web).template.resource('aws_cloudwatch_metric_alarm', `alarms/${kind}-alarm`);
    expect(alarm).toMatchObject(expected);
    expect(alarm.alarm_description).toMatch(/^storefront: /);
    if (kind === 'latency-p95') expect(alarm.statistic).toBeUndefined();
  });

  it('exposes the deployment alarms: target 5xx and unhealthy hosts, none without a load balancer target', () => {
    const { template, alarms: construct } = alarms(web);
    expect(DEPLOYMENT_ALARM_KINDS).toEqual(['target-5xx', 'unhealthy-hosts']);
    expect(construct.deploymentAlarms).toEqual([construct.alarms['target-5xx'], construct.alarms['unhealthy-hosts']]);
    // Referenced by the ECS service (libs/compute's addDeploymentAlarms), so it waits for them.
    expect(template.resource('aws_cloudwatch_metric_alarm', 'alarms/target-5xx-alarm').alarm_name).toBe('prod-storefront-target-5xx');
    expect(alarms(worker).alarms.deploymentAlarms).toEqual([]);
  });

  it('takes threshold overrides, keeping the defaults of the rest', () => {
    const { template } = alarms({ ...web, thresholds: { p95LatencySeconds: 0.4, cpuPercent: 75 } });
    expect(template.resource('aws_cloudwatch_metric_alarm', 'alarms/latency-p95-alarm').threshold).toBe(0.4);
    expect(template.resource('aws_cloudwatch_metric_alarm', 'alarms/cpu-high-alarm').threshold).toBe(75);
    expect(template.resource('aws_cloudwatch_metric_alarm', 'alarms/memory-high-alarm').threshold).toBe(85);
  });

  it('has no running-tasks alarm for a service that may run no task', () => {
    alarms({ ...web, lowestTaskCount: 0 }).template.resourceCountIs('aws_cloudwatch_metric_alarm', 6);
  });

  it('refuses empty names, a bad lowest task count and thresholds that could never fire, all at once', () => {
    expect(
      problemsOf({ ...web, environment: '', name: '', lowestTaskCount: -1, thresholds: { cpuPercent: 120, target5xxPerMinute: 0, p95LatencySeconds: -1 } }),
    ).toEqual([
      'environment: must not be empty: it begins every alarm name',
      'name: must not be empty: it names the alarms',
      'lowestTaskCount: must be between 0 and 1000, got -1',
      'thresholds.cpuPercent: must be a number greater than 0 and at most 100, got number 120',
      'thresholds.target5xxPerMinute: must be a number greater than 0, got number 0',
      'thresholds.p95LatencySeconds: must be a number greater than 0, got number -1',
    ]);
  });
});
