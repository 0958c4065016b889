import 'cdktf/lib/testing/adapters/jest'; // types of the CDKTF Jest matchers
import { deploymentAlarmNames } from './names';
import { lowestMinCount } from './scaling-and-monitoring';
import { subscriptionId } from './alarm-topic';
import { LOAD_BALANCER_SUFFIX, prodProps, ref, synthScaling, TARGET_GROUP_SUFFIX, webOutputs } from './test-support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('AlarmTopic', () => {
  const prod = synthScaling();
  const topicPath = 'scaling/alarm-topic/topic';

  it('encrypts the topic with its own rotating key that CloudWatch may use', () => {
    const topic = prod.resources('aws_sns_topic')[topicPath];
    expect(topic).toMatchObject({ name: 'prod-alarms', kms_master_key_id: ref(prod, 'aws_kms_key', 'scaling/alarm-topic/key', 'arn') });
    const key = prod.resources('aws_kms_key')['scaling/alarm-topic/key'];
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const statements = JSON.parse(key.policy).Statement as Json[];
    expect(statements.find((s) => s.Sid === 'CloudWatchAlarmsPublishEncrypted')).toEqual({
      Sid: 'CloudWatchAlarmsPublishEncrypted',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
    });
    expect(statements.find((s) => s.Sid === 'AccountAdministersKey')?.Principal).toEqual({ AWS: 'arn:aws:iam::456789012345:root' });
    expect(prod.resources('aws_kms_alias')['scaling/alarm-topic/key-alias'].name).toBe('alias/prod-alarms');
  });

  it("lets only this environment's alarms publish, over TLS", () => {
    const policy = prod.resources('aws_sns_topic_policy')['scaling/alarm-topic/topic-policy'];
    expect(policy.arn).toBe(ref(prod, 'aws_sns_topic', topicPath, 'arn'));
    const statements = JSON.parse(policy.policy).Statement as Json[];
    expect(statements.find((s) => s.Sid === 'EnvironmentAlarmsPublish')).toEqual({
      Sid: 'EnvironmentAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'SNS:Publish',
      Resource: 'arn:aws:sns:eu-central-1:456789012345:prod-alarms',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '456789012345' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-central-1:456789012345:alarm:prod-*' },
      },
    });
    expect(statements.find((s) => s.Sid === 'DenyPublishWithoutTls')).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('subscribes every email and subscription of the definition, under ids that survive reordering', () => {
    const subscriptions = Object.values(prod.resources('aws_sns_topic_subscription'));
    expect(subscriptions.map(({ protocol, endpoint, topic_arn }) => ({ protocol, endpoint, topic_arn }))).toEqual([
      { protocol: 'email', endpoint: 'platform-oncall@acme-corp.com', topic_arn: ref(prod, 'aws_sns_topic', topicPath, 'arn') },
      { protocol: 'https', endpoint: 'https://events.example.com/hooks/alarms', topic_arn: ref(prod, 'aws_sns_topic', topicPath, 'arn') },
    ]);
    expect(subscriptionId({ protocol: 'email', endpoint: 'Platform-Oncall@acme-corp.com' })).toBe(
      subscriptionId({ protocol: 'email', endpoint: 'platform-oncall@acme-corp.com' }),
    );
    expect(subscriptionId({ protocol: 'email', endpoint: 'platform-oncall@acme-corp.com' })).toMatch(/^email-platform-oncall-acme-corp-com-[0-9a-f]{8}$/);
    const props = prodProps();
    const reordered = synthScaling({
      ...props,
      definition: {
        ...props.definition,
        monitoring: { alarmSubscriptions: [...(props.definition.monitoring?.alarmSubscriptions ?? [])], alarmEmails: ['platform-oncall@acme-corp.com'] },
      },
    });
    expect(Object.keys(reordered.json.resource.aws_sns_topic_subscription).sort()).toEqual(Object.keys(prod.json.resource.aws_sns_topic_subscription).sort());
  });

  it('has no subscription when the definition names none', () => {
    const props = prodProps();
    const silent = synthScaling({ ...props, definition: { ...props.definition, monitoring: undefined } });
    expect(silent.resources('aws_sns_topic_subscription')).toEqual({});
  });
});

describe('ServiceAlarms', () => {
  const prod = synthScaling();
  const alarms = prod.resources('aws_cloudwatch_metric_alarm');
  const topicArn = ref(prod, 'aws_sns_topic', 'scaling/alarm-topic/topic', 'arn');
  const alarm = (service: string, kind: string) => alarms[`scaling/${service}/alarms/${kind}-alarm`];
  const ecs = { ClusterName: 'prod', ServiceName: 'prod-storefront' };
  const target = { LoadBalancer: LOAD_BALANCER_SUFFIX, TargetGroup: TARGET_GROUP_SUFFIX };

  it('gives a web service every alarm and a worker the ECS ones', () => {
    expect(Object.keys(alarms).sort()).toEqual([
      'scaling/mailer/alarms/cpu-high-alarm',
      'scaling/mailer/alarms/memory-high-alarm',
      'scaling/mailer/alarms/running-tasks-low-alarm',
      'scaling/storefront/alarms/cpu-high-alarm',
      'scaling/storefront/alarms/latency-p95-alarm',
      'scaling/storefront/alarms/load-balancer-5xx-alarm',
      'scaling/storefront/alarms/memory-high-alarm',
      'scaling/storefront/alarms/running-tasks-low-alarm',
      'scaling/storefront/alarms/target-5xx-alarm',
      'scaling/storefront/alarms/unhealthy-hosts-alarm',
    ]);
  });

  it('notifies the topic on ALARM and on OK', () => {
    for (const body of Object.values(alarms)) {
      expect(body).toMatchObject({ actions_enabled: true, alarm_actions: [topicArn], ok_actions: [topicArn] });
      expect(body.treat_missing_data).toMatch(/^(breaching|notBreaching)$/);
    }
  });

  it.each<[string, Json]>([
    [
      'cpu-high',
      { alarm_name: 'prod-storefront-cpu-high', namespace: 'AWS/ECS', metric_name: 'CPUUtilization', dimensions: ecs, statistic: 'Average', threshold: 85, comparison_operator: 'GreaterThanThreshold', treat_missing_data: 'notBreaching' },
    ],
    [
      'memory-high',
      { alarm_name: 'prod-storefront-memory-high', namespace: 'AWS/ECS', metric_name: 'MemoryUtilization', dimensions: ecs, statistic: 'Average', threshold: 85, treat_missing_data: 'notBreaching' },
    ],
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
      { alarm_name: 'prod-storefront-target-5xx', namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', dimensions: target, statistic: 'Sum', period: 60, threshold: 5, treat_missing_data: 'notBreaching' },
    ],
    [
      'load-balancer-5xx',
      {
        alarm_name: 'prod-storefront-load-balancer-5xx',
        namespace: 'AWS/ApplicationELB',
        metric_name: 'HTTPCode_ELB_5XX_Count',
        dimensions: { LoadBalancer: LOAD_BALANCER_SUFFIX },
        statistic: 'Sum',
        treat_missing_data: 'notBreaching',
      },
    ],
    [
      'unhealthy-hosts',
      {
        alarm_name: 'prod-storefront-unhealthy-hosts',
        namespace: 'AWS/ApplicationELB',
        metric_name: 'UnHealthyHostCount',
        dimensions: target,
        statistic: 'Maximum',
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        treat_missing_data: 'notBreaching',
      },
    ],
    [
      'latency-p95',
      {
        alarm_name: 'prod-storefront-latency-p95',
        namespace: 'AWS/ApplicationELB',
        metric_name: 'TargetResponseTime',
        dimensions: target,
        extended_statistic: 'p95',
        threshold: 1,
        treat_missing_data: 'notBreaching',
        evaluate_low_sample_count_percentiles: 'ignore',
      },
    ],
  ])('%s watches the right metric', (kind, expected) => {
    expect(alarm('storefront', kind)).toMatchObject(expected);
    if (kind === 'latency-p95') expect(alarm('storefront', kind).statistic).toBeUndefined();
  });

  it('takes threshold overrides', () => {
    const tuned = synthScaling({ ...prodProps(), alarmThresholds: { p95LatencySeconds: 0.4, cpuPercent: 75 } });
    const byPath = tuned.resources('aws_cloudwatch_metric_alarm');
    expect(byPath['scaling/storefront/alarms/latency-p95-alarm'].threshold).toBe(0.4);
    expect(byPath['scaling/storefront/alarms/cpu-high-alarm'].threshold).toBe(75);
    expect(byPath['scaling/storefront/alarms/memory-high-alarm'].threshold).toBe(85);
  });

  it('watches running tasks against the lowest minimum the schedules allow, and not at all when that is zero', () => {
    expect(lowestMinCount({ minCount: 3, scaling: { schedules: [{ name: 'n', cron: '', timezone: 'UTC', minCount: 1, maxCount: 1 }] } })).toBe(1);
    const props = prodProps();
    const night = { name: 'night', cron: 'cron(0 20 ? * * *)', timezone: 'UTC', minCount: 0, maxCount: 0 };
    const morning = { name: 'morning', cron: 'cron(0 7 ? * * *)', timezone: 'UTC', minCount: 3, maxCount: 12 };
    const stopping = synthScaling({
      ...props,
      definition: { ...props.definition, services: [{ name: 'storefront', minCount: 3, maxCount: 12, scaling: { cpuTarget: 50, schedules: [night, morning] } }] },
      services: { storefront: webOutputs('storefront') },
    });
    expect(stopping.resources('aws_cloudwatch_metric_alarm')['scaling/storefront/alarms/running-tasks-low-alarm']).toBeUndefined();
  });
});

describe('deployment alarms', () => {
  it('are named from the environment and the service, matching the alarms created', () => {
    const prod = synthScaling();
    expect(deploymentAlarmNames('prod', 'storefront', true)).toEqual(['prod-storefront-target-5xx', 'prod-storefront-unhealthy-hosts']);
    expect(prod.construct.services.storefront.deploymentAlarmNames).toEqual(['prod-storefront-target-5xx', 'prod-storefront-unhealthy-hosts']);
    const names = Object.values(prod.resources('aws_cloudwatch_metric_alarm')).map((a) => a.alarm_name);
    for (const name of prod.construct.services.storefront.deploymentAlarmNames) expect(names).toContain(name);
  });

  it('are none for a worker', () => {
    expect(deploymentAlarmNames('prod', 'mailer', false)).toEqual([]);
    expect(synthScaling().construct.services.mailer.deploymentAlarmNames).toEqual([]);
  });
});
