// The example of docs/scaling.md, "Using it from TypeScript": the same code, synthesized.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Match, Template } from '@ecs-platform/testing';
import { App, TerraformStack } from 'cdktf';
import { AlarmTopic, ServiceAlarms, ServiceScaling, ServicesDashboard } from './index';

// --- docs/scaling.md example begins
export function checkoutMonitoring(stack: TerraformStack): ServiceAlarms {
  // An ECS service behind an ALB. With libs/compute, take these from the Service:
  // `serviceRef` and `loadBalancerTarget` (or let `autoScaleTaskCount` make the scaler).
  const service = { clusterName: 'qa', serviceName: 'qa-checkout' };
  const loadBalancerTarget = {
    loadBalancerArnSuffix: 'app/qa-public/50dc6c495c0c9188',
    targetGroupArnSuffix: 'targetgroup/qa-checkout/73e2d6bc24d8a067',
  };

  const topic = new AlarmTopic(stack, 'alarm-topic', {
    environment: 'qa',
    accountId: '123456789012',
    region: 'eu-west-1',
    tier: 'non-production',
    alarmEmails: ['qa-oncall@example.com'],
  });

  const scaling = new ServiceScaling(stack, 'checkout-scaling', {
    service,
    namePrefix: 'qa-checkout',
    minCapacity: 2,
    maxCapacity: 8,
    loadBalancerTarget,
    tier: 'non-production', // production refuses the night schedule's 0 tasks
  });
  scaling.scaleOnCpuUtilization({ targetUtilizationPercent: 60 });
  scaling.scaleOnRequestCount({ requestsPerTarget: 1000, disableScaleIn: true });
  // A metric the service publishes itself: orders waiting per task.
  scaling.scaleOnMetric('backlog', {
    metric: { namespace: 'Acme/Checkout', metricName: 'PendingOrdersPerTask', dimensions: { Environment: 'qa' } },
    targetValue: 20,
  });
  scaling.scaleOnSchedule('night', { schedule: 'cron(0 20 ? * MON-FRI *)', timezone: 'Europe/Berlin', minCapacity: 0, maxCapacity: 0 });
  scaling.scaleOnSchedule('morning', { schedule: 'cron(0 7 ? * MON-FRI *)', timezone: 'Europe/Berlin', minCapacity: 2, maxCapacity: 8 });

  const alarms = new ServiceAlarms(stack, 'checkout-alarms', {
    service,
    environment: 'qa',
    name: 'checkout',
    topicArn: topic.topic.arn,
    lowestTaskCount: scaling.lowestCapacity,
    loadBalancerTarget,
  });

  new ServicesDashboard(stack, 'dashboard', {
    environment: 'qa',
    region: 'eu-west-1',
    services: [{ name: 'checkout', service, loadBalancerTarget, cpuTarget: 60 }],
  });
  // With libs/compute: checkout.addDeploymentAlarms(alarms.deploymentAlarms), so that a
  // release that serves errors rolls back.
  return alarms;
}
// --- docs/scaling.md example ends

describe('the docs example', () => {
  const stack = new TerraformStack(new App(), 'checkout-monitoring');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const alarms = checkoutMonitoring(stack);
  const template = Template.fromStack(stack);

  it('synthesizes and passes the constructs validations (a schedule restores min and max)', () => {
    expect(() => stack.runAllValidations()).not.toThrow();
  });

  it('scales on CPU, requests and the custom metric, one change at a time, and schedules the night', () => {
    expect(template.resources('aws_appautoscaling_policy').map((r) => r.config.name)).toEqual(['qa-checkout-cpu', 'qa-checkout-requests', 'qa-checkout-backlog']);
    template.resourceMatches('aws_appautoscaling_policy', 'checkout-scaling/backlog-policy', {
      target_tracking_scaling_policy_configuration: {
        target_value: 20,
        customized_metric_specification: Match.objectEquals({
          namespace: 'Acme/Checkout',
          metric_name: 'PendingOrdersPerTask',
          statistic: 'Average',
          dimensions: [{ name: 'Environment', value: 'qa' }],
        }),
      },
      depends_on: [template.address('aws_appautoscaling_policy', 'checkout-scaling/requests-policy')],
    });
    template.resourceCountIs('aws_appautoscaling_scheduled_action', 2);
  });

  it('alarms to the topic, with no running-tasks alarm since the night stops the service, and two deployment alarms', () => {
    const topic = template.ref('aws_sns_topic', 'alarm-topic/topic', 'arn');
    expect(template.resources('aws_cloudwatch_metric_alarm').every((r) => r.config.alarm_actions[0] === topic)).toBe(true);
    expect(template.findResources('aws_cloudwatch_metric_alarm', { metric_name: 'RunningTaskCount' })).toEqual({});
    expect(alarms.deploymentAlarms.map((alarm) => alarm.node.id)).toEqual(['target-5xx-alarm', 'unhealthy-hosts-alarm']);
    template.hasResourceProperties('aws_cloudwatch_dashboard', { dashboard_name: 'qa-services' });
  });
});

describe('docs/scaling.md', () => {
  it('shows exactly the code this spec synthesizes', () => {
    const spec = fs.readFileSync(__filename, 'utf8');
    const begin = '// --- docs/scaling.md example begins\n';
    const code = spec.slice(spec.indexOf(begin) + begin.length, spec.indexOf('// --- docs/scaling.md example ends'));
    expect(fs.readFileSync(path.join(__dirname, '../../../docs/scaling.md'), 'utf8')).toContain(code);
  });
});
