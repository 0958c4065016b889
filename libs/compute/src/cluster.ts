import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ServiceDiscoveryHttpNamespace } from '@cdktf/provider-aws/lib/service-discovery-http-namespace';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { awsManagedPolicyArn, ec2CapacityProviderName, execLogGroupName } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem, type PropProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { policyDocument } from '@ecs-platform/iam-policy';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { defaultCapacityStrategyProblems, ec2CapacityProblems, isUnresolved, logRetentionProblems } from './checks';
import { COMPUTE_TIER_DEFAULTS, SERVICE_DEFAULTS } from './defaults';
import type { CapacityStrategy, CpuArchitecture, Ec2CapacityOptions } from './types';

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

/**
 * What a service needs of the cluster it joins. `Cluster` implements it; for a cluster made
 * elsewhere, pass its name and ARN (and what else it has) as plain values.
 */
export interface ICluster {
  /** ECS cluster name. From a resource, its `name` attribute, so scaling targets wait for the cluster. */
  readonly clusterName: string;
  readonly clusterArn: string;
  /** Strategy of services that name none. @default { fargate: 1 } */
  readonly defaultCapacityStrategy?: CapacityStrategy;
  /** The cluster's EC2 capacity provider, when it has one. @default none: Fargate only */
  readonly ec2Capacity?: { readonly capacityProviderName: string; readonly architecture: CpuArchitecture };
  /** ECS Exec of the cluster: where sessions are logged and the key that encrypts them. @default none: ECS Exec off */
  readonly executeCommand?: { readonly logGroupArn: string; readonly kmsKeyArn: string };
  /**
   * What a service must wait for before ECS may place its tasks (the cluster's capacity
   * provider association). @default none
   */
  readonly capacityProvidersDependency?: ITerraformDependable;
  /**
   * ARN of the Cloud Map namespace the cluster's services reach each other in through Service
   * Connect. @default none: the cluster has no Service Connect namespace
   */
  readonly serviceConnectNamespaceArn?: string;
}

/** EC2 capacity of a cluster and where its instances run. */
export interface ClusterEc2CapacityProps extends Ec2CapacityOptions {
  readonly vpcId: string;
  /** Private subnets of the instances. */
  readonly subnetIds: readonly string[];
  /** Tags of the instances, volumes and network interfaces Auto Scaling launches (the provider's default_tags do not reach them). @default {} */
  readonly launchTags?: Readonly<Record<string, string>>;
}

/** ECS Exec: encrypted, logged sessions into containers. */
export interface ExecuteCommandProps {
  /** KMS key that encrypts the sessions and their log group. */
  readonly kmsKeyArn: string;
  /** Days the session logs are kept. @default the tier's: 365 in production, 30 otherwise */
  readonly logRetentionDays?: number;
}

export interface ClusterProps {
  /** The cluster's name; also names its EC2 capacity (`<name>-ecs`) and ECS Exec log group (`/aws/ecs/exec/<name>`). */
  readonly clusterName: string;
  readonly accountId: string;
  readonly region: string;
  /** How strict the cluster is (the session log retention floor). @default 'production' */
  readonly tier?: Tier;
  /** CloudWatch Container Insights level. @default 'enabled' */
  readonly containerInsights?: 'enabled' | 'enhanced';
  /** Default capacity provider strategy; Fargate only (EC2 is chosen per service). @default { fargate: 1 } */
  readonly defaultCapacityStrategy?: CapacityStrategy;
  /** EC2 capacity: ECS-optimised Amazon Linux 2023 instances in an Auto Scaling group. @default none: Fargate only */
  readonly ec2Capacity?: ClusterEc2CapacityProps;
  /** Turns on ECS Exec. @default none: ECS Exec off */
  readonly executeCommand?: ExecuteCommandProps;
  /**
   * Gives the cluster a Service Connect namespace (an HTTP Cloud Map namespace named after the
   * cluster, also the cluster's Service Connect default), so that its services can call each
   * other by name; `enableServiceConnect()` does the same later. @default false
   */
  readonly serviceConnect?: boolean;
}

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** Every problem with a cluster's props. */
export function clusterProblems(props: ClusterProps): PropProblem[] {
  const tier = props.tier ?? 'production';
  return [
    ...(isUnresolved(props.clusterName) || CLUSTER_NAME.test(props.clusterName)
      ? []
      : [propProblem(['clusterName'], `"${props.clusterName}" must be 1 to 255 letters, digits, hyphens and underscores`)]),
    ...(props.defaultCapacityStrategy ? underPath(['defaultCapacityStrategy'], defaultCapacityStrategyProblems(props.defaultCapacityStrategy)) : []),
    ...(props.ec2Capacity ? underPath(['ec2Capacity'], ec2CapacityProblems(props.ec2Capacity)) : []),
    ...(props.ec2Capacity && props.ec2Capacity.subnetIds.length === 0 ? [propProblem(['ec2Capacity', 'subnetIds'], 'must list at least 1, got 0')] : []),
    ...(props.executeCommand ? underPath(['executeCommand', 'logRetentionDays'], logRetentionProblems(tier, props.executeCommand.logRetentionDays)) : []),
  ];
}

/** Capacity provider weights as ECS takes them, in a fixed order. */
export function capacityProviderStrategy(
  strategy: CapacityStrategy,
  ec2ProviderName: string | undefined,
): Array<{ capacityProvider: string; weight: number }> {
  const weights: Array<{ capacityProvider: string; weight: number }> = [];
  if (strategy.fargate) weights.push({ capacityProvider: 'FARGATE', weight: strategy.fargate });
  if (strategy.fargateSpot) weights.push({ capacityProvider: 'FARGATE_SPOT', weight: strategy.fargateSpot });
  if (strategy.ec2) {
    if (!ec2ProviderName) throw new Error('an EC2 weight needs the cluster\'s EC2 capacity provider');
    weights.push({ capacityProvider: ec2ProviderName, weight: strategy.ec2 });
  }
  return weights;
}

/**
 * The ECS cluster: Container Insights, Fargate and Fargate Spot capacity providers with a
 * default strategy, optionally an EC2 capacity provider, and ECS Exec logging to a
 * KMS-encrypted log group when Exec is on.
 *
 * Construct ids: `exec-log-group`, `cluster`, `ec2/...`, `capacity-providers`.
 */
export class Cluster extends Construct implements ICluster {
  readonly cluster: EcsCluster;
  readonly capacityProviders: EcsClusterCapacityProviders;
  /** @default none: ECS Exec off */
  readonly execLogGroup?: CloudwatchLogGroup;
  /** @default none: Fargate only */
  readonly ec2?: Ec2CapacityProvider;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly defaultCapacityStrategy: CapacityStrategy;
  readonly ec2Capacity?: { readonly capacityProviderName: string; readonly architecture: CpuArchitecture };
  readonly executeCommand?: { readonly logGroupArn: string; readonly kmsKeyArn: string };
  readonly capacityProvidersDependency: ITerraformDependable;
  private namespace?: ServiceDiscoveryHttpNamespace;
  /** The namespace's ARN token, taken once: services compare it to tell whether they share the namespace. */
  private namespaceArn?: string;
  private readonly literalName: string;

  constructor(scope: Construct, id: string, props: ClusterProps) {
    super(scope, id);
    assertValidProps(this, clusterProblems(props));
    const name = props.clusterName;
    this.literalName = name;
    const tier = props.tier ?? 'production';
    const exec = props.executeCommand;
    this.defaultCapacityStrategy = props.defaultCapacityStrategy ?? SERVICE_DEFAULTS.capacity;

    if (exec) {
      this.execLogGroup = new CloudwatchLogGroup(this, 'exec-log-group', {
        name: execLogGroupName(name),
        retentionInDays: exec.logRetentionDays ?? COMPUTE_TIER_DEFAULTS[tier].logRetentionDays,
        kmsKeyId: exec.kmsKeyArn,
      });
    }

    this.cluster = new EcsCluster(this, 'cluster', {
      name,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? SERVICE_DEFAULTS.containerInsights }],
      ...(exec && this.execLogGroup
        ? {
            configuration: {
              executeCommandConfiguration: {
                // Sessions are encrypted with the environment's key and every session is logged.
                kmsKeyId: exec.kmsKeyArn,
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

    if (props.ec2Capacity) {
      this.ec2 = new Ec2CapacityProvider(this, 'ec2', { name, clusterName: name, capacity: props.ec2Capacity });
      this.ec2Capacity = {
        // The literal name: a service's strategy names it before the provider exists, and the
        // association below (which every service waits for) references the resource.
        capacityProviderName: ec2CapacityProviderName(name),
        architecture: props.ec2Capacity.architecture ?? SERVICE_DEFAULTS.architecture,
      };
    }

    this.capacityProviders = new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT', ...(this.ec2 ? [this.ec2.capacityProvider.name] : [])],
      defaultCapacityProviderStrategy: capacityProviderStrategy(this.defaultCapacityStrategy, undefined),
    });

    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    this.capacityProvidersDependency = this.capacityProviders;
    if (exec && this.execLogGroup) this.executeCommand = { logGroupArn: this.execLogGroup.arn, kmsKeyArn: exec.kmsKeyArn };
    if (props.serviceConnect) this.enableServiceConnect();
  }

  /** The Service Connect namespace, once `serviceConnect` or `enableServiceConnect()` made it. @default none */
  get serviceConnectNamespace(): ServiceDiscoveryHttpNamespace | undefined {
    return this.namespace;
  }

  get serviceConnectNamespaceArn(): string | undefined {
    return this.namespaceArn;
  }

  /**
   * Makes the cluster's Service Connect namespace (once): an HTTP Cloud Map namespace named
   * after the cluster. Service Connect resolves names through the Cloud Map API, never through
   * the VPC's DNS, so no private DNS zone is needed. The cluster names it as its Service Connect
   * default, and every service that serves or calls through Service Connect references it, so
   * Terraform creates it before them. Returns its ARN.
   */
  enableServiceConnect(): string {
    if (!this.namespace) {
      // The literal name: the cluster references the namespace, so the namespace cannot reference the cluster.
      this.namespace = new ServiceDiscoveryHttpNamespace(this, 'service-connect-namespace', {
        name: this.literalName,
        description: `Service Connect namespace of the ECS cluster ${this.literalName}`,
      });
      this.namespaceArn = this.namespace.arn;
      this.cluster.putServiceConnectDefaults({ namespace: this.namespaceArn });
    }
    return this.namespaceArn as string;
  }
}

export interface Ec2CapacityProviderProps {
  /** Stem of the names: `<name>-ecs` (launch template, group), `<name>-ecs-instance` (role), the provider `<name>-ec2`. */
  readonly name: string;
  /** The cluster the instances join. */
  readonly clusterName: string;
  readonly capacity: ClusterEc2CapacityProps;
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
    const architecture = capacity.architecture ?? SERVICE_DEFAULTS.architecture;

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
      policyArn: awsManagedPolicyArn('service-role/AmazonEC2ContainerServiceforEC2Role'),
    });
    const profile = new IamInstanceProfile(this, 'instance-profile', { name: `${name}-ecs-instance`, role: this.role.name });

    // Instances accept no connections (tasks have their own ENIs and groups); the agent
    // reaches ECS, ECR and CloudWatch over HTTPS.
    this.securityGroup = new SecurityGroup(this, 'instance-security-group', {
      namePrefix: `${name}-ecs-instances-`,
      description: `ECS container instances of ${name}: no ingress, HTTPS out`,
      vpcId: capacity.vpcId,
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
            volumeSize: capacity.rootVolumeSize ?? SERVICE_DEFAULTS.ec2RootVolumeSize,
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
        tags: { ...capacity.launchTags, Name: `${name}-ecs` },
      })),
    });

    this.autoScalingGroup = new AutoscalingGroup(this, 'auto-scaling-group', {
      name: `${name}-ecs`,
      vpcZoneIdentifier: [...capacity.subnetIds],
      minSize: capacity.minSize,
      maxSize: capacity.maxSize,
      desiredCapacity: capacity.desiredCapacity ?? capacity.minSize,
      // The version number, not $Latest: a change to the launch template (an instance type,
      // a volume size) then changes the group, which starts the instance refresh below.
      // Under $Latest the group never changed and running instances kept the old template
      // until managed scaling happened to cycle them.
      launchTemplate: { name: this.launchTemplate.name, version: Token.asString(this.launchTemplate.latestVersion) },
      instanceRefresh: {
        strategy: 'Rolling',
        preferences: {
          // Launch before terminating: the cluster never has less capacity than its tasks
          // need while instances are replaced; ECS drains each old instance (managed draining).
          minHealthyPercentage: 100,
          maxHealthyPercentage: 200,
          // Managed termination protection protects every instance that runs a task; without
          // Refresh the refresh would wait on exactly the instances it has to replace.
          scaleInProtectedInstances: 'Refresh',
          // Only instances of another template version are replaced.
          skipMatching: true,
          // No auto_rollback: EC2 Auto Scaling refuses it for a launch template whose image
          // comes from an SSM parameter (resolve:ssm:), which this one's does.
        },
      },
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
