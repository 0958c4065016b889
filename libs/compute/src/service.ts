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
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { type ITerraformDependable, Op, TerraformSelf } from 'cdktf';
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
   * What its tasks need to reach ECR, CloudWatch Logs and Secrets Manager: the private
   * subnets' default routes (NAT) and the VPC endpoints, when there are any. Terraform cannot
   * infer it (nothing of the service references a route), and tasks started before the egress
   * exists fail to pull, which counts toward the circuit breaker. @default none
   */
  readonly egressDependencies?: readonly ITerraformDependable[];
}

function shortHash(text: string, length: number): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(length, '0').slice(0, length);
}

/** What forces a new target group: the attributes AWS cannot change on an existing one. */
export interface TargetGroupIdentity {
  readonly port: number;
  readonly protocol: string;
  readonly targetType: string;
}

/**
 * Target group names are at most 32 characters and unique per account and region. The name
 * carries a short hash of the attributes that force a new target group (port, protocol,
 * target type), so changing one of them gives the new group a new name and it can be created
 * before the old one is deleted (create_before_destroy): the listener rule and the service
 * move over, and no "target group is in use" stops the apply.
 */
export function targetGroupName(env: string, service: string, identity: TargetGroupIdentity): string {
  const full = `${env}-${service}`;
  // The full name is hashed too: two long names cut to the same 25 characters stay apart.
  const hash = shortHash(`${full}/${identity.port}/${identity.protocol}/${identity.targetType}`, 6);
  return `${full.slice(0, 25).replace(/-+$/, '')}-${hash}`;
}

/** How long Terraform waits for a deployment to reach steady state, in minutes. */
export function deploymentTimeoutMinutes(svc: Pick<ResolvedService, 'loadBalancing' | 'containers'>): number {
  const stop = Math.max(...svc.containers.map((container) => container.stopTimeout));
  const lb = svc.loadBalancing;
  // Start, pass the health checks, drain the old task; twice, for a rollback, and a margin.
  const perTask = lb ? lb.gracePeriod + lb.interval * (lb.healthyThreshold + 1) + lb.deregistrationDelay : 120;
  return Math.max(15, Math.ceil((2 * (perTask + stop)) / 60) + 10);
}

/**
 * One ECS service and everything only it uses: its log group, execution and task roles, task
 * definition, security group and, for a web service, its target group and listener rule.
 * Construct ids are keyed by the service's name (docs/design.md decision 7).
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
    const taskStatements = taskRoleStatements(svc.taskRolePolicies, props.ecsExec, { accountId, region });
    let taskPolicy: IamRolePolicy | undefined;
    if (taskStatements.length > 0) {
      taskPolicy = new IamRolePolicy(this, 'task-role-policy', {
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
      // The first task needs its permissions in place: ECS pulls and logs with the execution
      // role's, the application (and ECS Exec) calls AWS with the task role's.
      dependsOn: [executionPolicy, ...(taskPolicy ? [taskPolicy] : [])],
      // A new revision is registered before the old one is deregistered, and old revisions are
      // kept (skip_destroy): a circuit breaker rollback needs the previous revision ACTIVE.
      skipDestroy: true,
      lifecycle: { createBeforeDestroy: true },
    });

    // A name prefix, not a name: a group whose description or VPC changes is replaced, and the
    // new one must exist before the old one (still attached to running tasks) can go.
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      namePrefix: `${family}-tasks-`,
      description: `Tasks of ${family}: the load balancer in, HTTPS and declared egress out`,
      vpcId: props.vpcId,
      tags: { Name: `${family}-tasks` },
      lifecycle: { createBeforeDestroy: true },
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
        name: targetGroupName(env, svc.name, { port: lb.containerPort, protocol: 'HTTP', targetType: 'ip' }),
        vpcId: props.vpcId,
        targetType: 'ip',
        protocol: 'HTTP',
        port: lb.containerPort,
        lifecycle: { createBeforeDestroy: true },
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
      // The apply waits until the deployment is steady, and the postcondition fails it when the
      // steady state was reached by the circuit breaker rolling back to the previous revision
      // (the provider reports that as success: hashicorp/terraform-provider-aws#20858).
      waitForSteadyState: true,
      timeouts: { create: `${deploymentTimeoutMinutes(svc)}m`, update: `${deploymentTimeoutMinutes(svc)}m` },
      lifecycle: {
        // Application Auto Scaling owns the count of an auto-scaled service (docs/design.md decision 5).
        ...(svc.autoScaled ? { ignoreChanges: ['desired_count'] } : {}),
        postcondition: [
          {
            condition: Op.eq(TerraformSelf.getString('task_definition'), this.taskDefinition.arn),
            errorMessage: `${family} did not reach a steady state on the new task definition: the deployment failed and was rolled back (see the service's events)`,
          },
        ],
      },
      // The target group must be attached to the load balancer before ECS registers tasks in
      // it, and the tasks need their way out (NAT routes, endpoints) before they start.
      dependsOn: [...props.dependsOn, ...(this.listenerRule ? [this.listenerRule] : []), ...(props.egressDependencies ?? [])],
      tags: { Name: family },
    });
  }

  /**
   * Alarms that fail (and roll back) a deployment while they are in ALARM. The service names
   * them by reference, so it also depends on them: ECS finds them when it deploys.
   */
  addDeploymentAlarms(alarms: readonly CloudwatchMetricAlarm[]): void {
    if (alarms.length === 0) return;
    this.deploymentAlarms.push(...alarms);
    this.service.putAlarms({ alarmNames: this.deploymentAlarms.map((alarm) => alarm.alarmName), enable: true, rollback: true });
  }

  private readonly deploymentAlarms: CloudwatchMetricAlarm[] = [];
}
