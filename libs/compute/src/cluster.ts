import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import type { CpuArchitecture, Ec2Capacity } from '@ecs-platform/environment-definition';
import { accountAdministersKey, logsMayEncryptLogGroups, policyDocument } from '@ecs-platform/iam-policy';
import { Construct } from 'constructs';
import { type CapacityProviderWeight, ec2CapacityProviderName } from './settings';

/** SSM parameters AWS publishes with the current ECS-optimised Amazon Linux 2023 AMI, per architecture. */
export const ECS_OPTIMIZED_AMI_PARAMETER: Readonly<Record<CpuArchitecture, string>> = {
  X86_64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
  ARM64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
};

/**
 * The ECS agent configuration of the instances: join the cluster, and block containers of
 * awsvpc tasks from the instance metadata service, so a task can never borrow the instance
 * role's credentials (ECS_AWSVPC_BLOCK_IMDS; the hop limit of 1 blocks bridge-mode containers).
 */
export function ecsAgentUserData(clusterName: string): string {
  return [
    '#!/bin/bash',
    "cat <<'EOF' >> /etc/ecs/ecs.config",
    `ECS_CLUSTER=${clusterName}`,
    'ECS_AWSVPC_BLOCK_IMDS=true',
    'EOF',
    '',
  ].join('\n');
}

export interface ClusterProps {
  /** Environment name: the cluster's name. */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly containerInsights: 'enabled' | 'enhanced';
  /** Default capacity provider strategy (Fargate providers). */
  readonly defaultStrategy: readonly CapacityProviderWeight[];
  /** Days the ECS Exec session logs are kept. */
  readonly logRetentionDays: number;
  /** Turns on ECS Exec with encrypted, logged sessions. */
  readonly ecsExec: boolean;
  /** KMS key that encrypts logs and ECS Exec sessions. */
  readonly key: KmsKey;
  /** EC2 capacity, when the environment has some. */
  readonly ec2?: Ec2Capacity;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  /** Tags of the instances and volumes EC2 Auto Scaling launches. @default {} */
  readonly launchTags?: Readonly<Record<string, string>>;
}

/** Name of the ECS Exec session log group of an environment. */
export function execLogGroupName(env: string): string {
  return `/aws/ecs/exec/${env}`;
}

/**
 * The ECS cluster: Container Insights, Fargate and Fargate Spot capacity providers with a
 * default strategy, optionally an EC2 capacity provider, and ECS Exec logging to a
 * KMS-encrypted log group when Exec is on.
 */
export class Cluster extends Construct {
  readonly cluster: EcsCluster;
  readonly capacityProviders: EcsClusterCapacityProviders;
  readonly execLogGroup?: CloudwatchLogGroup;
  readonly ec2?: Ec2CapacityProvider;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    const { name } = props;

    if (props.ecsExec) {
      this.execLogGroup = new CloudwatchLogGroup(this, 'exec-log-group', {
        name: execLogGroupName(name),
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.key.arn,
      });
    }

    this.cluster = new EcsCluster(this, 'cluster', {
      name,
      setting: [{ name: 'containerInsights', value: props.containerInsights }],
      ...(this.execLogGroup
        ? {
            configuration: {
              executeCommandConfiguration: {
                // Sessions are encrypted with the environment's key and every session is logged.
                kmsKeyId: props.key.arn,
                logging: 'OVERRIDE',
                logConfiguration: {
                  cloudWatchLogGroupName: this.execLogGroup.name,
                  cloudWatchEncryptionEnabled: true,
                },
              },
            },
          }
        : {}),
    });

    if (props.ec2) {
      this.ec2 = new Ec2CapacityProvider(this, 'ec2', {
        name,
        clusterName: name,
        accountId: props.accountId,
        capacity: props.ec2,
        vpcId: props.vpcId,
        privateSubnetIds: props.privateSubnetIds,
        launchTags: props.launchTags,
      });
    }

    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT', ...(this.ec2 ? [this.ec2.capacityProvider.name] : [])],
      defaultCapacityProviderStrategy: props.defaultStrategy.map((entry) => ({ ...entry })),
    });
  }
}

export interface Ec2CapacityProviderProps {
  readonly name: string;
  readonly clusterName: string;
  readonly accountId: string;
  readonly capacity: Ec2Capacity;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  /** @default {} */
  readonly launchTags?: Readonly<Record<string, string>>;
}

/**
 * EC2 capacity: ECS-optimised Amazon Linux 2023 instances in the private subnets, in an Auto
 * Scaling group that ECS scales (managed scaling) and never shrinks under running tasks
 * (managed termination protection, which needs scale-in protection on the group).
 */
export class Ec2CapacityProvider extends Construct {
  readonly role: IamRole;
  readonly securityGroup: SecurityGroup;
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup: AutoscalingGroup;
  readonly capacityProvider: EcsCapacityProvider;

  constructor(scope: Construct, id: string, props: Ec2CapacityProviderProps) {
    super(scope, id);
    const { name, capacity } = props;
    const architecture = capacity.architecture ?? 'X86_64';

    this.role = new IamRole(this, 'instance-role', {
      name: `${name}-ecs-instance`,
      description: `ECS container instances of cluster ${props.clusterName}`,
      // EC2 does not send aws:SourceAccount when an instance assumes its role, so the trust
      // policy cannot carry it; the instance profile below is the only way in.
      assumeRolePolicy: policyDocument([
        { Sid: 'TrustEc2', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    // The AWS managed policy, on purpose: the ECS agent's API needs change with agent
    // releases (new ecs:* calls, ECR, CloudWatch Logs), and the ECS-optimised AMI is tested
    // against exactly this policy. Tasks never see these credentials (ECS_AWSVPC_BLOCK_IMDS).
    new IamRolePolicyAttachment(this, 'instance-role-policy', {
      role: this.role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role',
    });
    const profile = new IamInstanceProfile(this, 'instance-profile', { name: `${name}-ecs-instance`, role: this.role.name });

    // Instances accept no connections (tasks have their own ENIs and groups); the agent
    // reaches ECS, ECR and CloudWatch over HTTPS.
    this.securityGroup = new SecurityGroup(this, 'instance-security-group', {
      namePrefix: `${name}-ecs-instances-`,
      description: `ECS container instances of ${name}: no ingress, HTTPS out`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-ecs-instances` },
      lifecycle: { createBeforeDestroy: true },
    });
    new VpcSecurityGroupEgressRule(this, 'instance-egress-https', {
      securityGroupId: this.securityGroup.id,
      description: 'ECS agent to ECS, ECR, CloudWatch Logs over HTTPS',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });

    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: `${name}-ecs`,
      description: `ECS-optimised Amazon Linux 2023 (${architecture}) for cluster ${props.clusterName}`,
      // Resolved by EC2 at each launch: no data source, no AWS call at plan time (docs/design.md decision 3).
      imageId: `resolve:ssm:${ECS_OPTIMIZED_AMI_PARAMETER[architecture]}`,
      instanceType: capacity.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: 'disabled',
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: capacity.rootVolumeSize ?? 30,
            volumeType: 'gp3',
            encrypted: 'true',
            deleteOnTermination: 'true',
          },
        },
      ],
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: 'false',
          deleteOnTermination: 'true',
          securityGroups: [this.securityGroup.id],
        },
      ],
      monitoring: { enabled: true },
      userData: Buffer.from(ecsAgentUserData(props.clusterName)).toString('base64'),
      // The provider's default_tags tag the launch template, not what Auto Scaling launches
      // from it: instances, their volumes and network interfaces get the tags here.
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { ...props.launchTags, Name: `${name}-ecs` },
      })),
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'auto-scaling-group', {
      name: `${name}-ecs`,
      vpcZoneIdentifier: [...props.privateSubnetIds],
      minSize: capacity.minSize,
      maxSize: capacity.maxSize,
      desiredCapacity: capacity.desiredCapacity ?? capacity.minSize,
      launchTemplate: { name: this.launchTemplate.name, version: '$Latest' },
      // Managed termination protection needs it: ECS decides which instances may go.
      protectFromScaleIn: true,
      healthCheckType: 'EC2',
      defaultInstanceWarmup: 60,
      tag: [
        // Marks the group as managed by its ECS capacity provider.
        { key: 'AmazonECSManaged', value: 'true', propagateAtLaunch: true },
        { key: 'Name', value: `${name}-ecs`, propagateAtLaunch: true },
      ],
      // ECS managed scaling owns the desired capacity from the first apply on.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });

    this.capacityProvider = new EcsCapacityProvider(this, 'capacity-provider', {
      name: ec2CapacityProviderName(name),
      autoScalingGroupProvider: {
        autoScalingGroupArn: this.autoScalingGroup.arn,
        managedTerminationProtection: 'ENABLED',
        managedDraining: 'ENABLED',
        managedScaling: {
          status: 'ENABLED',
          targetCapacity: 100,
          minimumScalingStepSize: 1,
          maximumScalingStepSize: 10,
          instanceWarmupPeriod: 60,
        },
      },
    });
  }
}

/**
 * The environment's key for service logs and ECS Exec sessions. CloudWatch Logs of this region
 * may use it only for this environment's ECS log groups.
 */
export function computeKey(scope: Construct, props: { name: string; accountId: string; region: string }): KmsKey {
  const { name, accountId, region } = props;
  const key = new KmsKey(scope, 'key', {
    description: `Encrypts the ECS service logs and ECS Exec sessions of environment ${name}`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyDocument([
      accountAdministersKey(accountId),
      logsMayEncryptLogGroups('LogsEncryptEcsLogGroups', region, [
        `arn:aws:logs:${region}:${accountId}:log-group:${serviceLogGroupPrefix(name)}*`,
        `arn:aws:logs:${region}:${accountId}:log-group:${execLogGroupName(name)}`,
      ]),
    ]),
  });
  new KmsAlias(scope, 'key-alias', { name: `alias/${name}-ecs`, targetKeyId: key.keyId });
  return key;
}

/** Service log groups are `/ecs/<env>/<service>`. */
export function serviceLogGroupPrefix(env: string): string {
  return `/ecs/${env}/`;
}
