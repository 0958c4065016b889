import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Match, Template } from '@ecs-platform/testing';
import { TerraformStack, Testing } from 'cdktf';
import type { ICluster } from './cluster';
import type { IHttpsLoadBalancer } from './load-balancer';
import { Service, type ServiceProps } from './service';
import {
  ACCOUNT,
  environment,
  type Environment,
  IMAGE,
  KEY_ARN,
  PRIVATE_SUBNETS,
  refusal,
  REGION,
  VPC_ID,
  webProps,
  workerProps,
} from './spec-fixtures';

const WEB = 'storefront';
const WORKER = 'order-worker';

function web(env: Environment, more: Partial<ServiceProps> = {}): Service {
  return new Service(env.stack, WEB, webProps(env, { deploymentAlarmsReason: 'alarms are not the subject of this test', ...more }));
}

/** A load balancer made elsewhere, given by its ids. */
function existingLoadBalancer(): IHttpsLoadBalancer {
  return {
    securityGroupId: 'sg-0123456789abcdef0',
    httpsListenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/legacy/1/2`,
    loadBalancerArnSuffix: 'app/legacy/1',
  };
}

function alarm(env: Environment, id: string): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(env.stack, id, {
    alarmName: `shop-storefront-${id}`,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    threshold: 1,
    metricName: 'HTTPCode_Target_5XX_Count',
    namespace: 'AWS/ApplicationELB',
    period: 60,
    statistic: 'Sum',
  });
}

describe('Service: a web service by default (production)', () => {
  const env = environment();
  const service = web(env);
  const template = Template.fromStack(env.stack);

  it('runs hardened Fargate tasks of its pinned image, logging to its own encrypted log group for a year', () => {
    template.resourceMatches('aws_ecs_task_definition', `${WEB}/task-definition`, {
      family: 'shop-storefront',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
      execution_role_arn: template.ref('aws_iam_role', `${WEB}/execution-role`, 'arn'),
      task_role_arn: template.ref('aws_iam_role', `${WEB}/task-role`, 'arn'),
      volume: [{ name: 'tmp' }],
      container_definitions: Match.serializedJson([
        Match.objectLike({
          name: 'storefront',
          image: IMAGE,
          essential: true,
          portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
          readonlyRootFilesystem: true,
          user: '1000',
          linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
          stopTimeout: 30,
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop/storefront', 'awslogs-region': REGION, 'awslogs-stream-prefix': 'storefront' } },
        }),
      ]),
      depends_on: [template.address('aws_iam_role_policy', `${WEB}/execution-role-policy`), template.address('aws_cloudwatch_log_group', `${WEB}/log-group`)],
    });
    template.resourceMatches('aws_cloudwatch_log_group', `${WEB}/log-group`, { name: '/ecs/shop/storefront', retention_in_days: 365, kms_key_id: KEY_ARN });
  });

  it('deploys at full capacity with the circuit breaker, in private subnets, after the capacity providers and its listener rule', () => {
    template.resourceMatches('aws_ecs_service', `${WEB}/service`, {
      name: 'storefront',
      cluster: template.ref('aws_ecs_cluster', 'cluster/cluster', 'arn'),
      desired_count: 1,
      capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
      platform_version: 'LATEST',
      network_configuration: { subnets: PRIVATE_SUBNETS, security_groups: [template.ref('aws_security_group', `${WEB}/security-group`)], assign_public_ip: false },
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      load_balancer: [{ target_group_arn: template.ref('aws_lb_target_group', `${WEB}/target-group`, 'arn'), container_name: 'storefront', container_port: 8080 }],
      health_check_grace_period_seconds: 60,
      enable_execute_command: false,
      wait_for_steady_state: true,
      alarms: Match.absent(),
      lifecycle: { ignore_changes: Match.absent(), postcondition: [Match.objectLike({ error_message: Match.stringLikeRegexp(/rolled back/) })] },
      depends_on: [
        template.address('aws_ecs_cluster_capacity_providers', 'cluster/capacity-providers'),
        template.address('aws_lb_listener_rule', `${WEB}/listener-rule`),
      ],
    });
  });

  it('routes the load balancer\'s domain to its target group, which checks the container port', () => {
    template.resourceMatches('aws_lb_listener_rule', `${WEB}/listener-rule`, {
      listener_arn: template.ref('aws_lb_listener', 'load-balancer/https-listener', 'arn'),
      priority: 100,
      condition: [{ host_header: { values: ['shop.example.com'] } }],
      action: [{ type: 'forward', target_group_arn: template.ref('aws_lb_target_group', `${WEB}/target-group`, 'arn') }],
    });
    template.resourceMatches('aws_lb_target_group', `${WEB}/target-group`, {
      name: Match.stringLikeRegexp(/^shop-storefront-[0-9a-z]{6}$/),
      target_type: 'ip',
      port: 8080,
      vpc_id: VPC_ID,
      deregistration_delay: '30',
      health_check: { path: '/healthz', matcher: '200-399', interval: 15, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3 },
    });
  });

  it('admits its port from the load balancer only, which may reach only it; tasks go out on 443', () => {
    const lbGroup = template.ref('aws_security_group', 'load-balancer/security-group');
    template.resourceMatches('aws_vpc_security_group_ingress_rule', `${WEB}/ingress-from-load-balancer`, {
      security_group_id: template.ref('aws_security_group', `${WEB}/security-group`),
      from_port: 8080,
      referenced_security_group_id: lbGroup,
    });
    template.resourceMatches('aws_vpc_security_group_egress_rule', `${WEB}/load-balancer-egress`, {
      security_group_id: lbGroup,
      from_port: 8080,
      referenced_security_group_id: template.ref('aws_security_group', `${WEB}/security-group`),
    });
    template.resourceMatches('aws_vpc_security_group_egress_rule', `${WEB}/egress-https`, { from_port: 443, cidr_ipv4: '0.0.0.0/0' });
  });

  it('exposes its handles and the refs scaling and alarms take', () => {
    expect(service.kind).toBe('web');
    expect(service.autoScaled).toBe(false);
    expect(service.serviceRef).toEqual({ clusterName: service.clusterName, serviceName: service.serviceName });
    expect(Object.keys(service.loadBalancerTarget ?? {})).toEqual(['loadBalancerArnSuffix', 'targetGroupArnSuffix']);
    template.resourceCountIs('aws_iam_role_policy', 1);
  });
});

describe('Service: tiers', () => {
  it('deploys non-production half at a time and keeps its logs 30 days', () => {
    const env = environment('non-production');
    new Service(env.stack, WEB, webProps(env, { tier: 'non-production' }));
    Template.fromStack(env.stack).resourceMatches('aws_ecs_service', `${WEB}/service`, { deployment_minimum_healthy_percent: 50 });
    Template.fromStack(env.stack).resourceMatches('aws_cloudwatch_log_group', `${WEB}/log-group`, { retention_in_days: 30 });
  });

  it('refuses production below full capacity during deployments, and logs kept less than a year', () => {
    expect(refusal(() => web(environment(), { minimumHealthyPercent: 50, logRetentionDays: 90 }))).toEqual([
      'minimumHealthyPercent: the production tier deploys without losing capacity: at least 100, got 50',
      'logRetentionDays: production tier keeps service logs at least 365 days; got 90',
    ]);
    expect(refusal(() => web(environment(), { maximumPercent: 100 }))).toEqual([
      'maximumPercent: must be above 100 when minimumHealthyPercent is 100: otherwise no deployment can start a new task',
    ]);
  });

  it('in production, needs deployment alarms before synthesis, or a reason why not', () => {
    const env = environment();
    const service = new Service(env.stack, WEB, webProps(env));
    expect(service.node.validate()).toEqual([
      'a production web service needs deployment alarms (addDeploymentAlarms), so that a deployment that serves errors rolls back; or say why not in "deploymentAlarmsReason"',
    ]);
    service.addDeploymentAlarms([alarm(env, 'target-5xx')]);
    expect(service.node.validate()).toEqual([]);
    // Non-production and workers need none.
    const dev = environment('non-production');
    expect(new Service(dev.stack, WEB, webProps(dev, { tier: 'non-production' })).node.validate()).toEqual([]);
    expect(new Service(env.stack, WORKER, workerProps(env)).node.validate()).toEqual([]);
  });

  it('stops App.synth of a production web service without alarms (CDKTF runs construct validations at synthesis)', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'shop');
    new AwsProvider(stack, 'aws', { region: REGION });
    const env = environment();
    new Service(stack, WEB, webProps(env, { cluster: { clusterName: 'shop', clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/shop` }, loadBalancer: existingLoadBalancer(), routing: { priority: 1, hosts: ['shop.example.com'] } }));
    expect(() => app.synth()).toThrow(/a production web service needs deployment alarms/);
  });
});

describe('Service: a worker', () => {
  const env = environment();
  new Service(env.stack, WORKER, workerProps(env));
  const template = Template.fromStack(env.stack);

  it('has no port, target group, listener rule or grace period, and runs its command with its container health check', () => {
    template.resourceMatches('aws_ecs_service', `${WORKER}/service`, { load_balancer: Match.absent(), health_check_grace_period_seconds: Match.absent(), depends_on: [Match.anyValue()] });
    template.resourceCountIs('aws_lb_target_group', 0);
    template.resourceCountIs('aws_lb_listener_rule', 0);
    template.resourceMatches('aws_ecs_task_definition', `${WORKER}/task-definition`, {
      container_definitions: Match.serializedJson([
        Match.objectLike({ portMappings: [], command: ['node', 'src/worker.js'], healthCheck: { command: ['CMD-SHELL', 'test -f /tmp/ok'], interval: 30, timeout: 5, retries: 3, startPeriod: 10 } }),
      ]),
    });
  });

  it('is refused with web fields, and without a container health check', () => {
    expect(refusal(() => new Service(environment().stack, WORKER, workerProps(env, { containerPort: 8080, containerHealthCheck: undefined })))).toEqual([
      'containerPort: is only for web services: a worker has no load balancer',
      'containerHealthCheck: is required for a worker: without a load balancer nothing else notices a hung task',
    ]);
  });
});

describe('Service: cluster features', () => {
  it('gets ECS Exec from a cluster that has it: the permissions, the SSM agent volumes, a read-only root', () => {
    const env = environment(undefined, { executeCommand: { kmsKeyArn: KEY_ARN } });
    web(env);
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_service', `${WEB}/service`, { enable_execute_command: true });
    template.resourceMatches('aws_ecs_task_definition', `${WEB}/task-definition`, {
      volume: [{ name: 'tmp' }, { name: 'ssm-agent-state' }, { name: 'ssm-agent-logs' }],
      depends_on: [
        template.address('aws_iam_role_policy', `${WEB}/execution-role-policy`),
        template.address('aws_cloudwatch_log_group', `${WEB}/log-group`),
        template.address('aws_iam_role_policy', `${WEB}/task-role-policy`),
      ],
    });
    template.resourceMatches('aws_iam_role_policy', `${WEB}/task-role-policy`, {
      policy: Match.serializedJson(
        Match.objectLike({ Statement: [Match.objectLike({ Sid: 'EcsExecChannels' }), Match.anyValue(), Match.anyValue(), Match.objectLike({ Sid: 'EcsExecSessionKey', Resource: KEY_ARN })] }),
      ),
    });
  });

  it('runs on the cluster\'s EC2 capacity, spread over zones, with an EC2 task definition', () => {
    const env = environment(undefined, { ec2Capacity: { instanceType: 'm7i.large', minSize: 1, maxSize: 2, vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS } });
    new Service(env.stack, WORKER, workerProps(env, { capacity: { ec2: 1 }, stopTimeout: 300 }));
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_service', `${WORKER}/service`, {
      capacity_provider_strategy: [{ capacity_provider: 'shop-ec2', weight: 1 }],
      platform_version: Match.absent(),
      ordered_placement_strategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }],
    });
    template.resourceMatches('aws_ecs_task_definition', `${WORKER}/task-definition`, { requires_compatibilities: ['EC2'] });
  });

  it('joins an existing cluster and load balancer given as plain values', () => {
    const env = environment();
    const cluster: ICluster = { clusterName: 'legacy', clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/legacy` };
    const loadBalancer = existingLoadBalancer();
    new Service(env.stack, WEB, webProps(env, { cluster, loadBalancer, routing: { priority: 7, paths: ['/api/*'] }, deploymentAlarmsReason: 'the legacy stack owns the alarms' }));
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_service', `${WEB}/service`, { cluster: cluster.clusterArn, depends_on: [template.address('aws_lb_listener_rule', `${WEB}/listener-rule`)] });
    template.resourceMatches('aws_lb_listener_rule', `${WEB}/listener-rule`, { listener_arn: loadBalancer.httpsListenerArn, condition: [{ path_pattern: { values: ['/api/*'] } }] });
    template.resourceMatches('aws_vpc_security_group_egress_rule', `${WEB}/load-balancer-egress`, { security_group_id: 'sg-0123456789abcdef0' });
  });
});

describe('Service: handles', () => {
  it('grant adds statements to the task role\'s policy, which the task definition depends on', () => {
    const env = environment();
    const service = web(env);
    service.grant({ sid: 'ReadUploads', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::uploads/*'], reason: 'objects are keyed by upload id' });
    service.grant([{ sid: 'SendJobs', actions: ['sqs:SendMessage'], resources: [`arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`] }]);
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_iam_role_policy', `${WEB}/task-role-policy`, {
      role: template.ref('aws_iam_role', `${WEB}/task-role`),
      policy: Match.serializedJson({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'ReadUploads', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::uploads/*'] },
          { Sid: 'SendJobs', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [`arn:aws:sqs:${REGION}:${ACCOUNT}:jobs`] },
        ],
      }),
    });
    template.resourceMatches('aws_ecs_task_definition', `${WEB}/task-definition`, {
      depends_on: [
        template.address('aws_iam_role_policy', `${WEB}/execution-role-policy`),
        template.address('aws_cloudwatch_log_group', `${WEB}/log-group`),
        template.address('aws_iam_role_policy', `${WEB}/task-role-policy`),
      ],
    });
  });

  it('grant checks its statements like taskRolePolicies', () => {
    const service = web(environment(), { taskRolePolicies: [{ sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/key'] }] });
    expect(refusal(() => service.grant([{ sid: 'Read', actions: ['*', 's3:ListBucket'], resources: ['*'] }]))).toEqual([
      'grant[0].actions[0]: "*" grants every action; list the actions the application needs',
      'grant[0].resources[0]: "*" is a wildcard; add a "reason" saying why the application needs it',
      'grant[0].sid: "Read" is already the id of another statement of the task role\'s policy',
    ]);
  });

  it('addSecret hands the container a secret of the same stack by reference; the execution role reads exactly it, with its key', () => {
    const env = environment();
    const service = web(env);
    const secretArn = '${aws_db_instance.db.master_user_secret[0].secret_arn}';
    const kmsKeyArn = '${aws_kms_key.db.arn}';
    service.addSecret('DATABASE_PASSWORD', { secretArn, jsonKey: 'password', kmsKeyArn });
    service.addEnvironment('DATABASE_HOST', '${aws_db_instance.db.address}');
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_task_definition', `${WEB}/task-definition`, {
      container_definitions: Match.serializedJson([
        Match.objectLike({
          secrets: [{ name: 'DATABASE_PASSWORD', valueFrom: `${secretArn}:password::` }],
          environment: Match.arrayWith([{ name: 'DATABASE_HOST', value: '${aws_db_instance.db.address}' }]),
        }),
      ]),
    });
    template.resourceMatches('aws_iam_role_policy', `${WEB}/execution-role-policy`, {
      policy: Match.serializedJson({
        Statement: Match.arrayWith([
          { Sid: 'ReadTaskSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [secretArn] },
          { Sid: 'DecryptTaskSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: [kmsKeyArn] },
        ]),
      }),
    });
  });

  it('addSecret and addEnvironment refuse a name the container has, a secret-looking plain variable and a malformed ARN', () => {
    const service = web(environment(), { environment: { LOG_LEVEL: 'info' } });
    expect(refusal(() => service.addEnvironment('LOG_LEVEL', 'debug'))).toEqual(['addEnvironment.LOG_LEVEL: "LOG_LEVEL" is already a variable of storefront']);
    expect(refusal(() => service.addEnvironment('DB_PASSWORD', 'hunter2'))).toEqual([
      expect.stringMatching(/^addEnvironment\.DB_PASSWORD: looks like a secret/),
    ]);
    expect(refusal(() => service.addSecret('TOKEN', { secretArn: 'arn:aws:s3:::bucket' }))).toEqual([
      expect.stringMatching(/^addSecret\.secretArn: "arn:aws:s3:::bucket" must be a Secrets Manager secret ARN/),
    ]);
  });

  it('allowFrom admits a port from a security group; allowTo lets the tasks reach a CIDR or a group', () => {
    const env = environment();
    const service = web(env);
    service.allowFrom('sg-bastion', 8080, 'From the bastion');
    service.allowTo('10.20.224.0/20', 5432, 'PostgreSQL');
    service.allowTo('sg-cache', 6379, 'Redis');
    const template = Template.fromStack(env.stack);
    const tasks = template.ref('aws_security_group', `${WEB}/security-group`);
    template.resourceMatches('aws_vpc_security_group_ingress_rule', `${WEB}/ingress-8080-sg-bastion`, {
      security_group_id: tasks,
      from_port: 8080,
      to_port: 8080,
      ip_protocol: 'tcp',
      referenced_security_group_id: 'sg-bastion',
      description: 'From the bastion',
    });
    template.resourceMatches('aws_vpc_security_group_egress_rule', `${WEB}/egress-5432-10.20.224.0_20`, { security_group_id: tasks, cidr_ipv4: '10.20.224.0/20' });
    template.resourceMatches('aws_vpc_security_group_egress_rule', `${WEB}/egress-6379-sg-cache`, { referenced_security_group_id: 'sg-cache' });
    expect(refusal(() => service.allowTo('10.0.0.0/33', 70000, 'x'))).toEqual([
      'allowTo.port: must be between 1 and 65535, got 70000',
      'allowTo.peer: "10.0.0.0/33" has a prefix length above 32',
    ]);
  });

  it('autoScaleTaskCount makes a scalable target for the service and leaves desired_count to it', () => {
    const env = environment();
    const service = web(env, { desiredCount: 2 });
    const scaling = service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 6 });
    scaling.scaleOnRequestCount({ requestsPerTarget: 1000 });
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_service', `${WEB}/service`, { desired_count: 2, lifecycle: { ignore_changes: ['desired_count'] } });
    template.resourceMatches('aws_appautoscaling_target', `${WEB}/scaling/scalable-target`, {
      resource_id: `service/${template.ref('aws_ecs_cluster', 'cluster/cluster', 'name')}/${template.ref('aws_ecs_service', `${WEB}/service`, 'name')}`,
      min_capacity: 2,
      max_capacity: 6,
    });
    template.hasResourceProperties('aws_appautoscaling_policy', {
      name: 'shop-storefront-requests',
      target_tracking_scaling_policy_configuration: { predefined_metric_specification: { predefined_metric_type: 'ALBRequestCountPerTarget' } },
    });
    expect(service.autoScaled).toBe(true);
    expect(() => service.autoScaleTaskCount({ minCapacity: 1, maxCapacity: 2 })).toThrow(/already auto-scaled/);
  });

  it('addDeploymentAlarms makes the service name its alarms, so it depends on them', () => {
    const env = environment();
    const service = new Service(env.stack, WEB, webProps(env));
    service.addDeploymentAlarms([alarm(env, 'target-5xx')]);
    service.addDeploymentAlarms([alarm(env, 'unhealthy-hosts')]);
    const template = Template.fromStack(env.stack);
    template.resourceMatches('aws_ecs_service', `${WEB}/service`, {
      alarms: {
        alarm_names: [template.ref('aws_cloudwatch_metric_alarm', 'target-5xx', 'alarm_name'), template.ref('aws_cloudwatch_metric_alarm', 'unhealthy-hosts', 'alarm_name')],
        enable: true,
        rollback: true,
      },
    });
    expect(service.alarms).toHaveLength(2);
  });
});

describe('Service: checks, through the constructor', () => {
  it.each<[string, Partial<ServiceProps>, string[]]>([
    ['a Fargate CPU value that does not exist', { cpu: 300 }, ['cpu: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384']],
    ['a memory size Fargate does not pair with the CPU', { cpu: 1024, memory: 512 }, ['memory: 512 MiB is not offered by Fargate with 1024 CPU units; use 2048 to 8192 in steps of 1024']],
    ['a port out of range', { containerPort: 70000 }, ['containerPort: must be between 1 and 65535, got 70000']],
    ['a health check timeout not shorter than its interval', { healthCheck: { interval: 5, timeout: 5 } }, ['healthCheck.timeout: the timeout (5 s) must be shorter than the interval (5 s)']],
    [
      'a deregistration delay longer than the stop timeout',
      { stopTimeout: 20, deregistrationDelay: 30 },
      ['deregistrationDelay: 30 s is longer than the stop timeout (20 s): the task would be killed while the load balancer still drains it'],
    ],
    ['a stop timeout above the Fargate limit', { stopTimeout: 121, deregistrationDelay: 30 }, ['stopTimeout: must be at most 120 seconds on Fargate, got 121']],
    ['running as root', { user: '0:0' }, ['user: "0:0" runs the container as root; use a non-root user such as "1000"']],
    [
      'a secret-looking environment variable',
      { environment: { DB_PASSWORD: 'hunter2', LOG_LEVEL: 'info' } },
      ['environment.DB_PASSWORD: looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable'],
    ],
    [
      'a writable root filesystem without a reason',
      { readOnlyRootFilesystem: false },
      ['readOnlyRootFilesystem: a writable root filesystem needs "readOnlyRootFilesystemReason" (a writable /tmp is always mounted)'],
    ],
    [
      'a task role statement granting every action on every resource',
      { taskRolePolicies: [{ sid: 'All', actions: ['s3:*'], resources: ['*'] }] },
      [
        'taskRolePolicies[0].actions[0]: "s3:*" grants every action; list the actions the application needs',
        'taskRolePolicies[0].resources[0]: "*" is a wildcard; add a "reason" saying why the application needs it',
      ],
    ],
    [
      'a mixed capacity strategy',
      { capacity: { fargate: 1, ec2: 1 } },
      [
        'capacity.ec2: cannot be mixed with fargate or fargateSpot: a capacity provider strategy uses either Fargate or EC2 providers',
        "capacity.ec2: needs EC2 capacity in this environment: add the cluster's ec2Capacity",
      ],
    ],
    ['a task on EC2 outside its CPU range', { capacity: { ec2: 1 }, cpu: 64 }, ['cpu: must be between 128 and 10240 CPU units for a task on EC2, got 64', "capacity.ec2: needs EC2 capacity in this environment: add the cluster's ec2Capacity"]],
    ['a web service without its load balancer', { loadBalancer: undefined, kind: 'web' }, ['loadBalancer: is required for a web service (kind: web)']],
    ['a web service without a priority', { routing: {} }, ['routing.priority: is required for a web service: listener rules are evaluated by priority']],
    ['a priority out of range', { routing: { priority: 50001 } }, ['routing.priority: must be between 1 and 50000, got 50001']],
    [
      'a sidecar named like the service',
      { sidecars: [{ name: 'storefront', image: IMAGE, memory: 512 }] },
      ['sidecars[0].name: "storefront" is the name of the service\'s own container', "sidecars: reserve 512 MiB, which leaves nothing of the task's 512 MiB for the service's container"],
    ],
    [
      'a secret of another account',
      { secrets: { DATABASE_URL: `arn:aws:secretsmanager:${REGION}:999999999999:secret:db-AbC123` } },
      [`secrets.DATABASE_URL: the secret belongs to account 999999999999, not to this environment's account ${ACCOUNT} (copied from another environment?)`],
    ],
    ['an image that is not pinned ECR', { image: 'nginx:latest' }, ['image: "nginx:latest" must be an ECR image URI pinned by tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>)']],
    ['an image by Terraform reference', { image: '${aws_ecr_repository.app.repository_url}:1.0' }, ['image: must be a literal value, not a Terraform reference: the execution role may read exactly what its policy names']],
  ])('refuses %s', (_, more, expected) => {
    expect(refusal(() => web(environment(), more))).toEqual(expected);
  });

  it('refuses IAM actions that do not exist', () => {
    const [problem] = refusal(() => web(environment(), { taskRolePolicies: [{ sid: 'Read', actions: ['s3:GetObjekt'], resources: ['arn:aws:s3:::b/k'] }] }));
    expect(problem).toMatch(/^taskRolePolicies\[0\]\.actions\[0\]: "s3:GetObjekt"/);
  });

  it('refuses a second rule with the same priority on one listener', () => {
    const env = environment();
    web(env);
    expect(refusal(() => new Service(env.stack, 'admin', webProps(env, { name: 'admin', routing: { priority: 100, paths: ['/admin/*'] } })))).toEqual([
      `routing.priority: 100 is already the listener rule priority of ${env.stack.node.id}/${WEB}; give a unique "priority"`,
    ]);
  });

  it('lists every problem at once, with the construct path', () => {
    expect(() => web(environment(), { cpu: 300, user: 'root', containerPort: 0 })).toThrow(
      'test/storefront: 3 invalid props\n' +
        '  cpu: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384\n' +
        '  user: "root" runs the container as root; use a non-root user such as "1000"\n' +
        '  containerPort: must be between 1 and 65535, got 0',
    );
  });
});
