import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { ecsAgentUserData } from './cluster';
import { devDefinition, NETWORK, policyOf, prodDefinition, ref, synthCompute, web, worker } from './test-support';

const STOREFRONT = 'compute/services/storefront';
const WORKER = 'compute/services/order-worker';

describe('Compute: cluster', () => {
  const dev = synthCompute(devDefinition());

  it('turns Container Insights on and offers Fargate and Fargate Spot with the default strategy', () => {
    expect(dev.synthesized).toHaveResourceWithProperties(EcsCluster, {
      name: 'dev',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(dev.resource('aws_ecs_cluster_capacity_providers', 'compute/cluster/capacity-providers')).toMatchObject({
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
    });
  });

  it('logs ECS Exec sessions to a KMS-encrypted log group when Exec is on', () => {
    const exec = synthCompute(devDefinition({ compute: { ecsExec: true, containerInsights: 'enhanced' } }));
    const cluster = exec.resource('aws_ecs_cluster', 'compute/cluster/cluster');
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(cluster.configuration.execute_command_configuration).toEqual({
      kms_key_id: ref(exec, 'aws_kms_key', 'compute/key', 'arn'),
      logging: 'OVERRIDE',
      log_configuration: {
        cloud_watch_log_group_name: ref(exec, 'aws_cloudwatch_log_group', 'compute/cluster/exec-log-group', 'name'),
        cloud_watch_encryption_enabled: true,
      },
    });
    expect(exec.resource('aws_cloudwatch_log_group', 'compute/cluster/exec-log-group')).toMatchObject({
      name: '/aws/ecs/exec/dev',
      retention_in_days: 30,
      kms_key_id: ref(exec, 'aws_kms_key', 'compute/key', 'arn'),
    });
    expect(exec.resource('aws_ecs_service', `${STOREFRONT}/service`).enable_execute_command).toBe(true);
    // Writable volumes for the SSM agent keep the root filesystem read-only.
    const [container] = JSON.parse(exec.resource('aws_ecs_task_definition', `${STOREFRONT}/task-definition`).container_definitions);
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.mountPoints.map((m: { containerPath: string }) => m.containerPath)).toEqual(['/tmp', '/var/lib/amazon', '/var/log/amazon']);
    expect(policyOf(exec.resource('aws_iam_role_policy', `${STOREFRONT}/task-role-policy`)).Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'EcsExecChannels',
      'EcsExecFindLogGroup',
      'EcsExecWriteSessionLogs',
      'EcsExecSessionKey',
    ]);
  });

  it('has no Exec configuration, log group or task role policy while Exec is off', () => {
    expect(dev.resource('aws_ecs_cluster', 'compute/cluster/cluster').configuration).toBeUndefined();
    expect(dev.resources('aws_cloudwatch_log_group')['compute/cluster/exec-log-group']).toBeUndefined();
    expect(dev.resources('aws_iam_role_policy')[`${STOREFRONT}/task-role-policy`]).toBeUndefined();
    expect(dev.resource('aws_ecs_service', `${STOREFRONT}/service`).enable_execute_command).toBe(false);
  });

  it('lets CloudWatch Logs use the key only for this environment\'s ECS log groups', () => {
    const statement = policyOf(dev.resource('aws_kms_key', 'compute/key')).Statement[1];
    expect(statement.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(statement.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toEqual([
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/dev/*',
      'arn:aws:logs:eu-west-1:210987654321:log-group:/aws/ecs/exec/dev',
    ]);
  });
});

describe('Compute: EC2 capacity', () => {
  const staging = synthCompute(
    devDefinition({
      name: 'staging',
      compute: { ec2: { instanceType: 'm7g.large', architecture: 'ARM64', minSize: 1, maxSize: 3 } },
      services: [web(), worker({ capacity: { ec2: 1 }, architecture: 'ARM64' })],
    }),
  );

  it('launches ECS-optimised Amazon Linux 2023 through resolve:ssm, IMDSv2 only, encrypted, without public IPs', () => {
    expect(staging.synthesized).toHaveResourceWithProperties(LaunchTemplate, {
      image_id: 'resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
      instance_type: 'm7g.large',
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_size: 30, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } }],
      network_interfaces: [expect.objectContaining({ associate_public_ip_address: 'false' })],
      user_data: Buffer.from(ecsAgentUserData('staging')).toString('base64'),
    });
    expect(ecsAgentUserData('staging')).toContain('ECS_CLUSTER=staging\nECS_AWSVPC_BLOCK_IMDS=true\n');
  });

  it('runs an Auto Scaling group in the private subnets that ECS manages and protects', () => {
    expect(staging.synthesized).toHaveResourceWithProperties(AutoscalingGroup, {
      vpc_zone_identifier: NETWORK.privateSubnetIds,
      protect_from_scale_in: true,
      min_size: 1,
      max_size: 3,
      desired_capacity: 1,
      tag: expect.arrayContaining([{ key: 'AmazonECSManaged', value: 'true', propagate_at_launch: true }]),
      lifecycle: { ignore_changes: ['desired_capacity'] },
    });
    expect(staging.synthesized).toHaveResourceWithProperties(EcsCapacityProvider, {
      name: 'staging-ec2',
      auto_scaling_group_provider: expect.objectContaining({
        managed_termination_protection: 'ENABLED',
        managed_scaling: expect.objectContaining({ status: 'ENABLED', target_capacity: 100 }),
      }),
    });
    expect(staging.resource('aws_ecs_cluster_capacity_providers', 'compute/cluster/capacity-providers').capacity_providers).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      ref(staging, 'aws_ecs_capacity_provider', 'compute/cluster/ec2/capacity-provider', 'name'),
    ]);
  });

  it('gives the instances the ECS instance role through the AWS managed policy, and no inbound rule', () => {
    expect(staging.resource('aws_iam_role_policy_attachment', 'compute/cluster/ec2/instance-role-policy').policy_arn).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    );
    expect(Object.keys(staging.resources('aws_vpc_security_group_ingress_rule')).filter((path) => path.includes('/ec2/'))).toEqual([]);
  });

  it('places EC2 services on the EC2 provider, spread over zones, with EC2 task definitions', () => {
    const service = staging.resource('aws_ecs_service', `${WORKER}/service`);
    expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: 'staging-ec2', weight: 1 }]);
    expect(service.ordered_placement_strategy[0]).toEqual({ type: 'spread', field: 'attribute:ecs.availability-zone' });
    expect(service.platform_version).toBeUndefined();
    expect(staging.resource('aws_ecs_task_definition', `${WORKER}/task-definition`)).toMatchObject({
      requires_compatibilities: ['EC2'],
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' },
    });
  });
});

describe('Compute: task definitions', () => {
  const definition = devDefinition({
    services: [
      web({
        environment: { LOG_LEVEL: 'info', APP_MODE: 'web' },
        secrets: { DATABASE_URL: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:dev/db-AbC123' },
        containerHealthCheck: { command: ['CMD', 'node', 'src/healthcheck.js'] },
        sidecars: [{ name: 'proxy', image: { repository: 'envoy', tag: '1.30' }, memory: 64, containerPort: 9901 }],
      }),
    ],
  });
  const dev = synthCompute(definition, { images: { storefront: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:1.2.3' } });
  const task = dev.resource('aws_ecs_task_definition', `${STOREFRONT}/task-definition`);
  const [main, proxy] = JSON.parse(task.container_definitions);

  it('is awsvpc, Fargate, with its size, architecture, roles and a scratch volume', () => {
    expect(task).toMatchObject({
      family: 'dev-storefront',
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
      execution_role_arn: ref(dev, 'aws_iam_role', `${STOREFRONT}/execution-role`, 'arn'),
      task_role_arn: ref(dev, 'aws_iam_role', `${STOREFRONT}/task-role`, 'arn'),
      volume: [{ name: 'tmp' }],
    });
  });

  it('runs the pinned image hardened: read-only root, non-root, init, no capabilities, stop timeout', () => {
    expect(main).toEqual({
      name: 'storefront',
      image: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:1.2.3',
      essential: true,
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      environment: [
        { name: 'APP_MODE', value: 'web' },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
      secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:dev/db-AbC123' }],
      healthCheck: { command: ['CMD', 'node', 'src/healthcheck.js'], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': '/ecs/dev/storefront', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'storefront' },
      },
      readonlyRootFilesystem: true,
      user: '1000',
      linuxParameters: { initProcessEnabled: true, capabilities: { drop: ['ALL'] } },
      stopTimeout: 30,
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      volumesFrom: [],
    });
  });

  it('adds sidecars with their own pinned image from the registry, not essential by default', () => {
    expect(proxy).toMatchObject({
      name: 'proxy',
      image: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/envoy:1.30',
      essential: false,
      memory: 64,
      readonlyRootFilesystem: true,
      user: '1000',
    });
  });

  it('writes logs to a per-service, KMS-encrypted log group kept as long as the tier says', () => {
    expect(dev.resource('aws_cloudwatch_log_group', `${STOREFRONT}/log-group`)).toMatchObject({
      name: '/ecs/dev/storefront',
      retention_in_days: 30,
      kms_key_id: ref(dev, 'aws_kms_key', 'compute/key', 'arn'),
    });
    const prod = synthCompute(prodDefinition());
    expect(prod.resource('aws_cloudwatch_log_group', `${STOREFRONT}/log-group`).retention_in_days).toBe(365);
  });

  it('lets the execution role pull both repositories, write the log group and read the one secret', () => {
    const statements = policyOf(dev.resource('aws_iam_role_policy', `${STOREFRONT}/execution-role-policy`)).Statement;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'PullTaskImages').Resource).toEqual([
      'arn:aws:ecr:eu-west-1:567890123456:repository/envoy',
      'arn:aws:ecr:eu-west-1:567890123456:repository/sample-service',
    ]);
    expect(statements.find((s: { Sid: string }) => s.Sid === 'WriteTaskLogs').Resource).toBe(
      'arn:aws:logs:eu-west-1:210987654321:log-group:/ecs/dev/storefront:*',
    );
    expect(statements.find((s: { Sid: string }) => s.Sid === 'ReadTaskSecrets').Resource).toEqual([
      'arn:aws:secretsmanager:eu-west-1:210987654321:secret:dev/db-AbC123',
    ]);
  });

  it('trusts only ECS tasks of the account', () => {
    const trust = policyOf(dev.resource('aws_iam_role', `${STOREFRONT}/task-role`), 'assume_role_policy');
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': '210987654321' });
  });
});

describe('Compute: services', () => {
  const dev = synthCompute(devDefinition({ services: [web({ scaling: { cpuTarget: 60 } }), worker()] }));
  const prod = synthCompute(prodDefinition());

  it('has no deployment alarms until they are given (the scaling layer adds them)', () => {
    expect(prod.resource('aws_ecs_service', `${STOREFRONT}/service`).alarms).toBeUndefined();
  });

  it('waits for steady state and fails the apply when the circuit breaker rolled the deployment back', () => {
    const service = prod.resource('aws_ecs_service', `${STOREFRONT}/service`);
    expect(service.wait_for_steady_state).toBe(true);
    expect(service.timeouts).toEqual({ create: expect.stringMatching(/^\d+m$/), update: expect.stringMatching(/^\d+m$/) });
    expect(service.lifecycle.postcondition).toEqual([
      {
        condition: `\${(self.task_definition == ${ref(prod, 'aws_ecs_task_definition', `${STOREFRONT}/task-definition`, 'arn').slice(2, -1)})}`,
        error_message: expect.stringContaining('rolled back'),
      },
    ]);
  });

  it('runs web services in private subnets behind the load balancer, with a circuit breaker that rolls back', () => {
    expect(prod.resource('aws_ecs_service', `${STOREFRONT}/service`)).toMatchObject({
      name: 'storefront',
      cluster: ref(prod, 'aws_ecs_cluster', 'compute/cluster/cluster', 'arn'),
      task_definition: ref(prod, 'aws_ecs_task_definition', `${STOREFRONT}/task-definition`, 'arn'),
      capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
      platform_version: 'LATEST',
      network_configuration: {
        subnets: NETWORK.privateSubnetIds,
        security_groups: [ref(prod, 'aws_security_group', `${STOREFRONT}/security-group`)],
        assign_public_ip: false,
      },
      deployment_controller: { type: 'ECS' },
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      load_balancer: [
        { target_group_arn: ref(prod, 'aws_lb_target_group', `${STOREFRONT}/target-group`, 'arn'), container_name: 'storefront', container_port: 8080 },
      ],
      health_check_grace_period_seconds: 60,
      propagate_tags: 'SERVICE',
      enable_ecs_managed_tags: true,
    });
  });

  it('deploys non-production at 50 % minimum healthy', () => {
    expect(dev.resource('aws_ecs_service', `${STOREFRONT}/service`).deployment_minimum_healthy_percent).toBe(50);
  });

  it('leaves desired_count to Application Auto Scaling only for auto-scaled services', () => {
    expect(dev.resource('aws_ecs_service', `${STOREFRONT}/service`).lifecycle.ignore_changes).toEqual(['desired_count']);
    expect(dev.resource('aws_ecs_service', `${WORKER}/service`).lifecycle.ignore_changes).toBeUndefined();
    expect(dev.resource('aws_ecs_service', `${WORKER}/service`).desired_count).toBe(1);
  });

  it('runs workers without port, target group, listener rule or grace period', () => {
    const service = dev.resource('aws_ecs_service', `${WORKER}/service`);
    expect(service.load_balancer).toBeUndefined();
    expect(service.health_check_grace_period_seconds).toBeUndefined();
    expect(dev.resources('aws_lb_target_group')[`${WORKER}/target-group`]).toBeUndefined();
    expect(dev.resources('aws_lb_listener_rule')[`${WORKER}/listener-rule`]).toBeUndefined();
    expect(JSON.parse(dev.resource('aws_ecs_task_definition', `${WORKER}/task-definition`).container_definitions)[0]).toMatchObject({
      portMappings: [],
      command: ['node', 'src/worker.js'],
    });
  });

  it('follows the definition\'s capacity strategy per service', () => {
    const spot = synthCompute(devDefinition({ compute: { capacity: { fargateSpot: 1 } }, services: [web(), worker({ capacity: { fargate: 1, fargateSpot: 3 } })] }));
    expect(spot.resource('aws_ecs_service', `${STOREFRONT}/service`).capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1 }]);
    expect(spot.resource('aws_ecs_service', `${WORKER}/service`).capacity_provider_strategy).toEqual([
      { capacity_provider: 'FARGATE', weight: 1 },
      { capacity_provider: 'FARGATE_SPOT', weight: 3 },
    ]);
  });

  it('keys every service resource by the service name, so adding a service moves nothing', () => {
    const more = synthCompute(devDefinition({ services: [web({ name: 'api', routing: { paths: ['/api/*'] } }), ...devDefinition().services] }));
    const paths = (synth: typeof dev) => Object.keys(synth.resources('aws_ecs_service')).sort();
    expect(paths(more)).toEqual([`compute/services/api/service`, `${WORKER}/service`, `${STOREFRONT}/service`]);
    const logicalId = (synth: typeof dev) => synth.resource('aws_ecs_service', `${STOREFRONT}/service`)['//'].metadata.uniqueId;
    expect(logicalId(more)).toBe(logicalId(dev));
  });
});

describe('Compute: security groups', () => {
  const dev = synthCompute(
    devDefinition({ services: [web({ egress: [{ port: 5432, cidr: '10.20.224.0/20', description: 'PostgreSQL' }] }), worker()] }),
    { network: { ...NETWORK, endpointSecurityGroupId: 'sg-endpoints' } },
  );
  const rules = (type: string, prefix: string) =>
    Object.entries(dev.resources(type))
      .filter(([path]) => path.startsWith(prefix))
      .map(([, rule]) => ({ from: rule.from_port, to: rule.to_port, cidr: rule.cidr_ipv4, sg: rule.referenced_security_group_id }));

  it('admits the container port from the load balancer only', () => {
    expect(rules('aws_vpc_security_group_ingress_rule', STOREFRONT)).toEqual([
      { from: 8080, to: 8080, cidr: undefined, sg: ref(dev, 'aws_security_group', 'compute/load-balancer/security-group') },
    ]);
    expect(rules('aws_vpc_security_group_ingress_rule', WORKER)).toEqual([]);
  });

  it('lets tasks out on 443 (internet and endpoints) and on what the definition declares', () => {
    const egress = Object.entries(dev.resources('aws_vpc_security_group_egress_rule')).filter(
      ([path, rule]) => path.startsWith(STOREFRONT) && rule.security_group_id === ref(dev, 'aws_security_group', `${STOREFRONT}/security-group`),
    );
    expect(egress.map(([, rule]) => [rule.from_port, rule.cidr_ipv4 ?? rule.referenced_security_group_id])).toEqual([
      [443, '0.0.0.0/0'],
      [443, 'sg-endpoints'],
      [5432, '10.20.224.0/20'],
    ]);
  });

  it('lets the load balancer out only to the web tasks, on their container port', () => {
    const albEgress = Object.values(dev.resources('aws_vpc_security_group_egress_rule')).filter(
      (rule) => rule.security_group_id === ref(dev, 'aws_security_group', 'compute/load-balancer/security-group'),
    );
    expect(albEgress.map((rule) => [rule.from_port, rule.referenced_security_group_id])).toEqual([
      [8080, ref(dev, 'aws_security_group', `${STOREFRONT}/security-group`)],
    ]);
  });

  it('admits 443 and 80 from anywhere to an internet-facing load balancer, the VPC to an internal one', () => {
    const ingress = (synth: typeof dev) =>
      Object.values(synth.resources('aws_vpc_security_group_ingress_rule'))
        .filter((rule) => rule.security_group_id === ref(synth, 'aws_security_group', 'compute/load-balancer/security-group'))
        .map((rule) => `${rule.from_port} ${rule.cidr_ipv4}`);
    expect(ingress(dev)).toEqual(['443 0.0.0.0/0', '80 0.0.0.0/0']);
    const internal = synthCompute(devDefinition({ compute: { loadBalancer: { scheme: 'internal' } } }));
    expect(ingress(internal)).toEqual(['443 10.20.0.0/16', '80 10.20.0.0/16']);
    expect(internal.resource('aws_lb', 'compute/load-balancer/load-balancer')).toMatchObject({ internal: true, subnets: NETWORK.privateSubnetIds });
  });
});

describe('Compute: load balancer', () => {
  const dev = synthCompute(devDefinition());
  const prod = synthCompute(prodDefinition());

  it('is internet-facing in the public subnets, drops invalid headers; production protects it and logs access', () => {
    expect(dev.synthesized).toHaveResourceWithProperties(Lb, {
      name: 'dev-alb',
      load_balancer_type: 'application',
      internal: false,
      subnets: NETWORK.publicSubnetIds,
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
    });
    expect(dev.resource('aws_lb', 'compute/load-balancer/load-balancer').access_logs).toBeUndefined();
    expect(prod.resource('aws_lb', 'compute/load-balancer/load-balancer')).toMatchObject({
      enable_deletion_protection: true,
      access_logs: { bucket: ref(prod, 'aws_s3_bucket', 'compute/load-balancer/access-log-bucket', 'bucket'), enabled: true },
    });
  });

  it('serves HTTPS with TLS 1.3/1.2 and a 404 by default, and redirects HTTP with a 301', () => {
    expect(prod.synthesized).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: 'arn:aws:acm:eu-central-1:456789012345:certificate/3b1f6c2e-8a47-4d95-b0e3-7c5a9d2f1e64',
      default_action: [{ type: 'fixed-response', fixed_response: { content_type: 'text/plain', message_body: 'Not found', status_code: '404' } }],
    });
    expect(prod.synthesized).toHaveResourceWithProperties(LbListener, {
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
    });
    expect(prod.resources('aws_acm_certificate')).toEqual({});
  });

  it('requests a DNS-validated certificate when only a hosted zone is given, and points the domain at the load balancer', () => {
    expect(dev.resource('aws_acm_certificate', 'compute/load-balancer/certificate')).toMatchObject({
      domain_name: 'dev.shop.example.com',
      validation_method: 'DNS',
      lifecycle: { create_before_destroy: true },
    });
    expect(dev.resource('aws_route53_record', 'compute/load-balancer/certificate-validation-record')).toMatchObject({ zone_id: 'Z0DEV', type: 'CNAME' });
    expect(dev.resource('aws_acm_certificate_validation', 'compute/load-balancer/certificate-validation').validation_record_fqdns).toEqual([
      ref(dev, 'aws_route53_record', 'compute/load-balancer/certificate-validation-record', 'fqdn'),
    ]);
    expect(dev.resource('aws_lb_listener', 'compute/load-balancer/https-listener').certificate_arn).toBe(
      ref(dev, 'aws_acm_certificate_validation', 'compute/load-balancer/certificate-validation', 'certificate_arn'),
    );
    expect(dev.resource('aws_route53_record', 'compute/load-balancer/alias-record')).toMatchObject({
      zone_id: 'Z0DEV',
      name: 'dev.shop.example.com',
      type: 'A',
      alias: {
        name: ref(dev, 'aws_lb', 'compute/load-balancer/load-balancer', 'dns_name'),
        zone_id: ref(dev, 'aws_lb', 'compute/load-balancer/load-balancer', 'zone_id'),
        evaluate_target_health: true,
      },
    });
  });

  it('keeps access logs in a private, SSE-S3, TLS-only bucket that the regional ELB account may write to', () => {
    const lb = 'compute/load-balancer';
    expect(prod.resource('aws_s3_bucket', `${lb}/access-log-bucket`).bucket).toBe('prod-alb-logs-456789012345-eu-central-1');
    expect(prod.resource('aws_s3_bucket_server_side_encryption_configuration', `${lb}/access-log-encryption`).rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    expect(prod.resource('aws_s3_bucket_public_access_block', `${lb}/access-log-public-access-block`)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(prod.resource('aws_s3_bucket_ownership_controls', `${lb}/access-log-ownership`).rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(prod.resource('aws_s3_bucket_lifecycle_configuration', `${lb}/access-log-lifecycle`).rule[0]).toMatchObject({ expiration: [{ days: 365 }] });
    const [write, tls] = policyOf(prod.resource('aws_s3_bucket_policy', `${lb}/access-log-bucket-policy`)).Statement;
    expect(write).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::054676820928:root' },
      Action: 's3:PutObject',
      Resource: `${ref(prod, 'aws_s3_bucket', `${lb}/access-log-bucket`, 'arn')}/AWSLogs/456789012345/*`,
    });
    expect(tls.Sid).toBe('DenyInsecureTransport');
  });

  it('lets non-production switch access logs and deletion protection on', () => {
    const on = synthCompute(devDefinition({ compute: { loadBalancer: { accessLogs: true, deletionProtection: true } } }));
    expect(on.resource('aws_lb', 'compute/load-balancer/load-balancer')).toMatchObject({ enable_deletion_protection: true, access_logs: { enabled: true } });
    expect(policyOf(on.resource('aws_s3_bucket_policy', 'compute/load-balancer/access-log-bucket-policy')).Statement[0].Principal).toEqual({
      AWS: 'arn:aws:iam::156460612806:root',
    });
  });

  it('routes by host and path with stable priorities, and checks targets on the container port', () => {
    const two = synthCompute(devDefinition({ services: [web(), web({ name: 'api', routing: { hosts: ['api.example.com'], paths: ['/v1/*'] } })] }));
    expect(two.resource('aws_lb_listener_rule', `${STOREFRONT}/listener-rule`)).toMatchObject({
      priority: 40010,
      condition: [{ host_header: { values: ['dev.shop.example.com'] } }],
    });
    expect(two.resource('aws_lb_listener_rule', 'compute/services/api/listener-rule')).toMatchObject({
      priority: 20,
      action: [{ type: 'forward', target_group_arn: ref(two, 'aws_lb_target_group', 'compute/services/api/target-group', 'arn') }],
      condition: [{ host_header: { values: ['api.example.com'] } }, { path_pattern: { values: ['/v1/*'] } }],
    });
    expect(two.resource('aws_lb_target_group', `${STOREFRONT}/target-group`)).toMatchObject({
      name: expect.stringMatching(/^dev-storefront-[0-9a-z]{6}$/),
      target_type: 'ip',
      protocol: 'HTTP',
      port: 8080,
      vpc_id: 'vpc-1',
      deregistration_delay: '30',
      health_check: { path: '/healthz', matcher: '200-399', interval: 15, timeout: 5, healthy_threshold: 2, unhealthy_threshold: 3, port: 'traffic-port' },
    });
  });

  it('is not created when every service is a worker', () => {
    const workers = synthCompute(devDefinition({ services: [worker()] }));
    expect(workers.resources('aws_lb')).toEqual({});
    expect(workers.compute.outputs.loadBalancerDnsName).toBeUndefined();
    expect(Object.keys(workers.json.output)).toEqual(['cluster_name', 'service_names']);
  });
});

describe('Compute: outputs', () => {
  const prod = synthCompute(prodDefinition());

  it('tells the scaling layer each service, its cluster, target group and whether it is auto-scaled', () => {
    // Resolve the tokens through an output of the same stack.
    const stack = TerraformStack.of(prod.compute);
    new TerraformOutput(stack, 'probe', { value: prod.compute.outputs.services });
    const services = JSON.parse(JSON.stringify(stack.toTerraform())).output.probe.value;
    expect(Object.keys(services)).toEqual(['storefront', 'order-worker']);
    expect(services.storefront).toEqual({
      serviceName: ref(prod, 'aws_ecs_service', `${STOREFRONT}/service`, 'name'),
      clusterName: ref(prod, 'aws_ecs_cluster', 'compute/cluster/cluster', 'name'),
      targetGroupArnSuffix: ref(prod, 'aws_lb_target_group', `${STOREFRONT}/target-group`, 'arn_suffix'),
      loadBalancerArnSuffix: ref(prod, 'aws_lb', 'compute/load-balancer/load-balancer', 'arn_suffix'),
      autoScaled: true,
      kind: 'web',
    });
    expect(services['order-worker']).toMatchObject({ autoScaled: false, kind: 'worker' });
    expect(services['order-worker'].targetGroupArnSuffix).toBeUndefined();
  });

  it('emits the load balancer DNS name, the cluster name and the service names', () => {
    expect(prod.json.output).toMatchObject({
      alb_dns_name: { value: ref(prod, 'aws_lb', 'compute/load-balancer/load-balancer', 'dns_name') },
      cluster_name: { value: ref(prod, 'aws_ecs_cluster', 'compute/cluster/cluster', 'name') },
      service_names: {
        value: [ref(prod, 'aws_ecs_service', `${STOREFRONT}/service`, 'name'), ref(prod, 'aws_ecs_service', `${WORKER}/service`, 'name')],
      },
    });
  });
});
