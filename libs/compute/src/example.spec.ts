/**
 * The example of docs/compute.md "Using it from TypeScript", as it is printed there: a
 * production cluster, an HTTPS load balancer, a web service that scales on CPU and rolls back
 * on its alarms, and a worker that scales on its queue. If this stops compiling or changes
 * meaning, the page must change with it.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Match, Template, testStack } from '@ecs-platform/testing';
import { AlarmTopic, ServiceAlarms } from '@ecs-platform/scaling';
import { Cluster, ecsLogKey, HttpsLoadBalancer, Service } from './index';

describe('docs/compute.md: Using it from TypeScript', () => {
  const stack = testStack('shop');

  // --- the example ---------------------------------------------------------------------------
  const where = { accountId: '123456789012', region: 'eu-west-1' };
  const network = { vpcId: 'vpc-0abc', subnetIds: ['subnet-private-a', 'subnet-private-b'] };
  new AwsProvider(stack, 'aws', { region: where.region });

  const { key } = ecsLogKey(stack, { name: 'shop', ...where });
  const cluster = new Cluster(stack, 'cluster', { clusterName: 'shop', ...where, executeCommand: { kmsKeyArn: key.arn } });
  const alb = new HttpsLoadBalancer(stack, 'load-balancer', {
    name: 'shop',
    ...where,
    vpcId: network.vpcId,
    subnetIds: ['subnet-public-a', 'subnet-public-b'],
    domainName: 'shop.example.com',
    hostedZoneId: 'Z0123456789SHOP',
  });

  const storefront = new Service(stack, 'storefront', {
    name: 'storefront',
    environmentName: 'shop',
    ...where,
    cluster,
    network,
    logKmsKeyArn: key.arn,
    image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/storefront:1.4.2',
    cpu: 512,
    memory: 1024,
    containerPort: 8080,
    healthCheckPath: '/healthz',
    loadBalancer: alb,
    routing: { priority: 100 },
    desiredCount: 2,
  });
  storefront.grant({ sid: 'ReadCatalog', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::shop-catalog/*'], reason: 'one object per product' });
  storefront.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 8 }).scaleOnCpuUtilization({ targetUtilizationPercent: 60 });

  const topic = new AlarmTopic(stack, 'alarm-topic', { environment: 'shop', ...where, alarmEmails: ['oncall@example.com'] });
  const alarms = new ServiceAlarms(stack, 'storefront-alarms', {
    service: storefront.serviceRef,
    environment: 'shop',
    name: 'storefront',
    topicArn: topic.topic.arn,
    lowestTaskCount: 2,
    loadBalancerTarget: storefront.loadBalancerTarget,
  });
  // Production refuses to synthesize a web service without these.
  storefront.addDeploymentAlarms(alarms.deploymentAlarms);

  const worker = new Service(stack, 'order-worker', {
    name: 'order-worker',
    environmentName: 'shop',
    ...where,
    cluster,
    network,
    logKmsKeyArn: key.arn,
    image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/storefront:1.4.2',
    command: ['node', 'src/worker.js'],
    cpu: 256,
    memory: 512,
    containerHealthCheck: { command: ['CMD-SHELL', 'find /tmp/heartbeat -mmin -1 | grep -q .'] },
    secrets: { QUEUE_URL: 'arn:aws:ssm:eu-west-1:123456789012:parameter/shop/queue-url' },
  });
  worker.allowTo('10.0.224.0/20', 5432, 'PostgreSQL');
  worker.autoScaleTaskCount({ minCapacity: 1, maxCapacity: 10 }).scaleOnMetric('backlog', {
    metric: { namespace: 'Shop', metricName: 'BacklogPerTask', dimensions: { Queue: 'orders' } },
    targetValue: 100,
  });
  // --- end of the example --------------------------------------------------------------------

  const template = Template.fromStack(stack);

  it('synthesizes a validated stack: two services on one cluster, one behind the load balancer', () => {
    // What App.synth checks before it writes the stack.
    expect(() => stack.runAllValidations()).not.toThrow();
    template.resourceCountIs('aws_ecs_service', 2);
    template.resourceCountIs('aws_lb', 1);
    template.resourceCountIs('aws_appautoscaling_target', 2);
  });

  it('rolls the web service back on its alarms, lets auto scaling own both counts and logs ECS Exec sessions', () => {
    template.resourceMatches('aws_ecs_service', 'storefront/service', {
      alarms: { alarm_names: [Match.anyValue(), Match.anyValue()], rollback: true },
      lifecycle: { ignore_changes: ['desired_count'] },
      enable_execute_command: true,
      deployment_minimum_healthy_percent: 100,
    });
    template.resourceMatches('aws_ecs_service', 'order-worker/service', { lifecycle: { ignore_changes: ['desired_count'] } });
    template.hasResourceProperties('aws_appautoscaling_policy', {
      target_tracking_scaling_policy_configuration: { customized_metric_specification: { metric_name: 'BacklogPerTask', namespace: 'Shop' } },
    });
    template.resourceMatches('aws_acm_certificate', 'load-balancer/certificate', { domain_name: 'shop.example.com' });
  });
});
