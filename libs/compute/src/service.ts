import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { policyDocument } from '@ecs-platform/iam-policy';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { containerDefinitions, ECS_EXEC_VOLUMES, SCRATCH_VOLUME } from './container-definitions';
import { cidrId, type LoadBalancer } from './load-balancer';
import { ecsTasksTrustPolicy, type EcsExecPermissions, executionRoleStatements, taskRoleStatements } from './iam';
import { serviceLogGroupPrefix } from './cluster';
import type { ResolvedService } from './settings';

export interface ServiceProps {
  /** Environment name. */
  readonly env: string;
  readonly accountId: string;
  readonly region: string;
  readonly service: ResolvedService;
  /** Image URI of each container of the task, by container name. */
  readonly images: Readonly<Record<string, string>>;
  readonly clusterArn: string;
  readonly clusterName: string;
  readonly vpcId: string;
  readonly privateSubnetIds: readonly string[];
  /** Security group of the VPC's interface endpoints, when they exist. */
  readonly endpointSecurityGroupId?: string;
  readonly logRetentionDays: number;
  readonly logKeyArn: string;
  /** ECS Exec on: the task role gets the session permissions, the service `enable_execute_command`. */
  readonly ecsExec?: EcsExecPermissions;
  /** Required for web services. */
  readonly loadBalancer?: LoadBalancer;
  /** What the service must wait for (the cluster's capacity providers). */
  readonly dependsOn: readonly ITerraformDependable[];
  /**
   * CloudWatch alarms that mark a deployment failed and roll it back (the scaling layer's
   * deployment alarms). Names, not resources: the alarms watch this service, so a reference
   * back would be a cycle; ECS resolves the names during deployments. @default none
   */
  readonly deploymentAlarmNames?: readonly string[];
}

/**
 * Target group names are at most 32 characters. `<env>-<service>` fits for most names; longer
 * ones keep a prefix and a short hash, so the name stays stable and unique.
 */
export function targetGroupName(env: string, service: string): string {
  const full = `${env}-${service}`;
  if (full.length <= 32) return full;
  let hash = 0;
  for (const char of full) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${full.slice(0, 23).replace(/-+$/, '')}-${hash.toString(36).padStart(7, '0').slice(0, 7)}`;
}

/**
 * One ECS service and everything only it uses: its log group, execution and task roles, task
 * definition, security group and, for a web service, its target group and listener rule.
 * Construct ids are keyed by the service's name (decision 7).
 */
export class Service extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  readonly taskDefinition: EcsTaskDefinition;
  readonly securityGroup: SecurityGroup;
  readonly targetGroup?: LbTargetGroup;
  readonly listenerRule?: LbListenerRule;
  readonly service: EcsService;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { env, accountId, region, service: svc } = props;
    const family = `${env}-${svc.name}`;
    const logGroupName = `${serviceLogGroupPrefix(env)}${svc.name}`;
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKeyArn,
    });

    // Execution role: used by ECS itself to start the task (pull, logs, secrets).
    this.executionRole = new IamRole(this, 'execution-role', {
      name: `${family}-execution`,
      description: `ECS starts tasks of ${family}: pulls its images, writes its logs, reads its secrets`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'execution'),
    });
    const allSecrets = svc.containers.flatMap((container) => Object.values(container.secrets));
    const executionPolicy = new IamRolePolicy(this, 'execution-role-policy', {
      name: 'start-task',
      role: this.executionRole.id,
      policy: policyDocument(
        executionRoleStatements({
          images: svc.containers.map((container) => props.images[container.name]),
          logGroupArn,
          secrets: allSecrets,
          secretKmsKeyArns: svc.secretKmsKeyArns,
        }),
      ),
    });

    // Task role: the application's own permissions, none unless the definition grants them.
    this.taskRole = new IamRole(this, 'task-role', {
      name: `${family}-task`,
      description: `Application permissions of ${family}`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'task'),
    });
    const taskStatements = taskRoleStatements(svc.taskRolePolicies, props.ecsExec);
    if (taskStatements.length > 0) {
      new IamRolePolicy(this, 'task-role-policy', {
        name: 'application',
        role: this.taskRole.id,
        policy: policyDocument(taskStatements),
      });
    }

    const volumes = [SCRATCH_VOLUME, ...(props.ecsExec ? ECS_EXEC_VOLUMES : [])];
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: [svc.launchType],
      cpu: String(svc.cpu),
      memory: String(svc.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: svc.architecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: JSON.stringify(
        containerDefinitions(svc.containers, { images: props.images, logGroupName, region, ecsExec: props.ecsExec !== undefined }),
      ),
      volume: volumes.map((volume) => ({ name: volume.name })),
      // The first task needs the permissions in place.
      dependsOn: [executionPolicy],
    });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: `${family}-tasks`,
      description: `Tasks of ${family}: the load balancer in, HTTPS and declared egress out`,
      vpcId: props.vpcId,
      tags: { Name: `${family}-tasks` },
    });
    const egress = (ruleId: string, description: string, port: number, target: { cidrIpv4: string } | { referencedSecurityGroupId: string }) =>
      new VpcSecurityGroupEgressRule(this, ruleId, {
        securityGroupId: this.securityGroup.id,
        description,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        ...target,
      });
    // ECR (its layers come from S3), CloudWatch Logs, Secrets Manager and any HTTPS API.
    egress('egress-https', 'HTTPS to AWS APIs and the internet', 443, { cidrIpv4: '0.0.0.0/0' });
    if (props.endpointSecurityGroupId) {
      egress('egress-endpoints', 'HTTPS to the VPC interface endpoints', 443, { referencedSecurityGroupId: props.endpointSecurityGroupId });
    }
    for (const rule of svc.egress) {
      egress(`egress-${rule.port}-${cidrId(rule.cidr)}`, rule.description, rule.port, { cidrIpv4: rule.cidr });
    }

    const lb = svc.loadBalancing;
    if (lb) {
      const alb = props.loadBalancer;
      if (!alb) throw new Error(`web service "${svc.name}" needs the load balancer`);
      new VpcSecurityGroupIngressRule(this, 'ingress-from-load-balancer', {
        securityGroupId: this.securityGroup.id,
        description: 'Container port from the load balancer only',
        ipProtocol: 'tcp',
        fromPort: lb.containerPort,
        toPort: lb.containerPort,
        referencedSecurityGroupId: alb.securityGroup.id,
      });
      new VpcSecurityGroupEgressRule(this, 'load-balancer-egress', {
        securityGroupId: alb.securityGroup.id,
        description: `To the tasks of ${family} on their container port`,
        ipProtocol: 'tcp',
        fromPort: lb.containerPort,
        toPort: lb.containerPort,
        referencedSecurityGroupId: this.securityGroup.id,
      });
      this.targetGroup = new LbTargetGroup(this, 'target-group', {
        name: targetGroupName(env, svc.name),
        vpcId: props.vpcId,
        targetType: 'ip',
        protocol: 'HTTP',
        port: lb.containerPort,
        // Not longer than the stop timeout: a draining task is not killed mid-request.
        deregistrationDelay: String(lb.deregistrationDelay),
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: lb.healthCheckPath,
          matcher: lb.matcher,
          interval: lb.interval,
          timeout: lb.timeout,
          healthyThreshold: lb.healthyThreshold,
          unhealthyThreshold: lb.unhealthyThreshold,
        },
        tags: { Name: family },
      });
      this.listenerRule = new LbListenerRule(this, 'listener-rule', {
        listenerArn: alb.httpsListener.arn,
        priority: lb.priority,
        action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        condition: [
          { hostHeader: { values: [...lb.hosts] } },
          ...(lb.paths ? [{ pathPattern: { values: [...lb.paths] } }] : []),
        ],
        tags: { Name: family },
      });
    }

    this.service = new EcsService(this, 'service', {
      name: svc.name,
      cluster: props.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: svc.desiredCount,
      capacityProviderStrategy: svc.capacity.map((entry) => ({ ...entry })),
      ...(svc.launchType === 'FARGATE' ? { platformVersion: 'LATEST' } : {}),
      // Spread EC2 tasks over the availability zones first, then over instances.
      ...(svc.launchType === 'EC2'
        ? {
            orderedPlacementStrategy: [
              { type: 'spread', field: 'attribute:ecs.availability-zone' },
              { type: 'spread', field: 'instanceId' },
            ],
          }
        : {}),
      networkConfiguration: {
        subnets: [...props.privateSubnetIds],
        securityGroups: [this.securityGroup.id],
        assignPublicIp: false,
      },
      deploymentController: { type: 'ECS' },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      ...(props.deploymentAlarmNames?.length
        ? { alarms: { alarmNames: [...props.deploymentAlarmNames], enable: true, rollback: true } }
        : {}),
      deploymentMinimumHealthyPercent: svc.minimumHealthyPercent,
      deploymentMaximumPercent: svc.maximumPercent,
      ...(lb && this.targetGroup
        ? {
            loadBalancer: [{ targetGroupArn: this.targetGroup.arn, containerName: svc.name, containerPort: lb.containerPort }],
            healthCheckGracePeriodSeconds: lb.gracePeriod,
          }
        : {}),
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: props.ecsExec !== undefined,
      // Application Auto Scaling owns the count of an auto-scaled service (decision 5).
      ...(svc.autoScaled ? { lifecycle: { ignoreChanges: ['desired_count'] } } : {}),
      // The target group must be attached to the load balancer before ECS registers tasks in it.
      dependsOn: [...props.dependsOn, ...(this.listenerRule ? [this.listenerRule] : [])],
      tags: { Name: family },
    });
  }
}
