import { Match, Template, testStack } from '@ecs-platform/testing';
import { Cluster, type ClusterProps, ecsAgentUserData } from './cluster';
import { clusterProps, KEY_ARN, PRIVATE_SUBNETS, refusal, VPC_ID } from './spec-fixtures';

function synth(props: Partial<ClusterProps> = {}): { cluster: Cluster; template: Template } {
  const stack = testStack();
  const cluster = new Cluster(stack, 'cluster', clusterProps(props));
  return { cluster, template: Template.fromStack(stack) };
}

const EC2 = { instanceType: 'm7g.large', architecture: 'ARM64', minSize: 1, maxSize: 3, vpcId: VPC_ID, subnetIds: PRIVATE_SUBNETS } as const;

describe('Cluster', () => {
  it('defaults to Container Insights, Fargate and Fargate Spot, the Fargate default strategy and no ECS Exec', () => {
    const { cluster, template } = synth();
    template.resourceMatches('aws_ecs_cluster', 'cluster/cluster', {
      name: 'shop',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
      configuration: Match.absent(),
    });
    template.resourceMatches('aws_ecs_cluster_capacity_providers', 'cluster/capacity-providers', {
      cluster_name: template.ref('aws_ecs_cluster', 'cluster/cluster', 'name'),
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1 }],
    });
    template.resourceCountIs('aws_cloudwatch_log_group', 0);
    template.resourceCountIs('aws_autoscaling_group', 0);
    expect(cluster.ec2Capacity).toBeUndefined();
    expect(cluster.executeCommand).toBeUndefined();
    expect(cluster.defaultCapacityStrategy).toEqual({ fargate: 1 });
  });

  it('takes a Fargate Spot default strategy and the enhanced Container Insights level', () => {
    const { template } = synth({ containerInsights: 'enhanced', defaultCapacityStrategy: { fargate: 1, fargateSpot: 3 } });
    template.hasResourceProperties('aws_ecs_cluster', { setting: [{ name: 'containerInsights', value: 'enhanced' }] });
    template.hasResourceProperties('aws_ecs_cluster_capacity_providers', {
      default_capacity_provider_strategy: [
        { capacity_provider: 'FARGATE', weight: 1 },
        { capacity_provider: 'FARGATE_SPOT', weight: 3 },
      ],
    });
  });

  it.each<[ClusterProps['tier'], number]>([
    [undefined, 365],
    ['production', 365],
    ['non-production', 30],
  ])('with ECS Exec (tier %s) encrypts and logs every session, kept %i days', (tier, days) => {
    const { cluster, template } = synth({ tier, executeCommand: { kmsKeyArn: KEY_ARN } });
    template.resourceMatches('aws_cloudwatch_log_group', 'cluster/exec-log-group', { name: '/aws/ecs/exec/shop', retention_in_days: days, kms_key_id: KEY_ARN });
    template.resourceMatches('aws_ecs_cluster', 'cluster/cluster', {
      configuration: {
        execute_command_configuration: {
          kms_key_id: KEY_ARN,
          logging: 'OVERRIDE',
          log_configuration: {
            cloud_watch_log_group_name: template.ref('aws_cloudwatch_log_group', 'cluster/exec-log-group', 'name'),
            cloud_watch_encryption_enabled: true,
          },
        },
      },
    });
    expect(cluster.executeCommand?.kmsKeyArn).toBe(KEY_ARN);
  });

  it('launches EC2 capacity from the ECS-optimised AMI by resolve:ssm, in an Auto Scaling group ECS manages', () => {
    const { cluster, template } = synth({ ec2Capacity: { ...EC2, launchTags: { Owner: 'platform' } } });
    template.resourceMatches('aws_launch_template', 'cluster/ec2/launch-template', {
      image_id: 'resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
      instance_type: 'm7g.large',
      metadata_options: { http_tokens: 'required', http_put_response_hop_limit: 1 },
      block_device_mappings: [{ ebs: { volume_size: 30, volume_type: 'gp3', encrypted: 'true' } }],
      user_data: Buffer.from(ecsAgentUserData('shop')).toString('base64'),
      tag_specifications: Match.arrayWith([{ resource_type: 'instance', tags: { Owner: 'platform', Name: 'shop-ecs' } }]),
    });
    template.resourceMatches('aws_autoscaling_group', 'cluster/ec2/auto-scaling-group', {
      vpc_zone_identifier: PRIVATE_SUBNETS,
      min_size: 1,
      max_size: 3,
      desired_capacity: 1,
      protect_from_scale_in: true,
      lifecycle: { ignore_changes: ['desired_capacity'] },
      // A template change reaches the running instances: the group names the version number,
      // so the change starts a rolling refresh that launches before it terminates.
      launch_template: { name: template.ref('aws_launch_template', 'cluster/ec2/launch-template', 'name'), version: template.ref('aws_launch_template', 'cluster/ec2/launch-template', 'latest_version') },
      instance_refresh: {
        strategy: 'Rolling',
        preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, scale_in_protected_instances: 'Refresh', skip_matching: true },
      },
    });
    template.resourceMatches('aws_ecs_capacity_provider', 'cluster/ec2/capacity-provider', { name: 'shop-ec2' });
    template.resourceMatches('aws_iam_role_policy_attachment', 'cluster/ec2/instance-role-policy', {
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    });
    template.resourceMatches('aws_ecs_cluster_capacity_providers', 'cluster/capacity-providers', {
      capacity_providers: ['FARGATE', 'FARGATE_SPOT', template.ref('aws_ecs_capacity_provider', 'cluster/ec2/capacity-provider', 'name')],
    });
    // Services name the provider before it exists; the association they wait for references it.
    expect(cluster.ec2Capacity).toEqual({ capacityProviderName: 'shop-ec2', architecture: 'ARM64' });
    expect(ecsAgentUserData('shop')).toContain('ECS_CLUSTER=shop\nECS_AWSVPC_BLOCK_IMDS=true\n');
  });

  it('refuses an EC2 default strategy, a wrong instance architecture and bounds out of order', () => {
    expect(
      refusal(() =>
        synth({
          defaultCapacityStrategy: { ec2: 1 },
          ec2Capacity: { ...EC2, instanceType: 'm7i.large', minSize: 3, maxSize: 2 },
        }),
      ),
    ).toEqual([
      'defaultCapacityStrategy.ec2: the default strategy uses Fargate only; choose EC2 per service with capacity: {ec2: 1}',
      'ec2Capacity.instanceType: "m7i.large" is an X86_64 instance type but architecture is "ARM64"',
      'ec2Capacity.minSize: 3 is greater than maxSize 2',
    ]);
  });

  it('refuses an empty or mixed strategy and a desired capacity outside the bounds', () => {
    expect(refusal(() => synth({ defaultCapacityStrategy: { fargate: 0 } }))).toEqual([
      'defaultCapacityStrategy: needs a weight above 0 for at least one of fargate, fargateSpot, ec2',
    ]);
    expect(refusal(() => synth({ ec2Capacity: { ...EC2, desiredCapacity: 5 } }))).toEqual(['ec2Capacity.desiredCapacity: 5 is outside [minSize, maxSize] = [1, 3]']);
  });

  it('keeps production session logs at least a year, and only periods CloudWatch Logs offers', () => {
    expect(refusal(() => synth({ executeCommand: { kmsKeyArn: KEY_ARN, logRetentionDays: 90 } }))).toEqual([
      'executeCommand.logRetentionDays: production tier keeps service logs at least 365 days; got 90',
    ]);
    expect(() => synth({ tier: 'non-production', executeCommand: { kmsKeyArn: KEY_ARN, logRetentionDays: 90 } })).not.toThrow();
    expect(refusal(() => synth({ tier: 'non-production', executeCommand: { kmsKeyArn: KEY_ARN, logRetentionDays: 45 } }))[0]).toMatch(
      /^executeCommand\.logRetentionDays: 45 days is not a retention period CloudWatch Logs offers/,
    );
  });

  it('refuses a cluster name ECS does not take', () => {
    expect(refusal(() => synth({ clusterName: 'my cluster' }))).toEqual(['clusterName: "my cluster" must be 1 to 255 letters, digits, hyphens and underscores']);
  });

  it('is the ICluster a service joins: services wait for its capacity provider association', () => {
    const { cluster } = synth();
    expect(cluster.capacityProvidersDependency).toBe(cluster.capacityProviders);
  });
});
