import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { arn, ecsTaskDefinitionFamilyArn, logGroupArn, scheduleGroupArn, scheduleGroupName, serviceFamily, serviceLogGroupName } from '@ecs-platform/aws-names';
import { assertValidProps, type PropProblem, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { policyDocument, type Statement } from '@ecs-platform/iam-policy';
import { DeadLetterQueue } from '@ecs-platform/messaging';
import { dependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  capacityStrategyProblems,
  cidrProblems,
  containerNameProblems,
  containerProblems,
  isUnresolved,
  kmsKeyArnProblems,
  logRetentionProblems,
  rangeProblems,
  ruleDescriptionProblems,
  runsOnEc2Capacity,
  secretAccountProblems,
  serviceEc2CapacityProblems,
  statementIdProblems,
  stopTimeoutProblems,
  taskRolePolicyProblems,
  taskSizeProblems,
} from './checks';
import { capacityProviderStrategy, type ICluster } from './cluster';
import { containerDefinitions, type ResolvedContainer, SCRATCH_VOLUME } from './container-definitions';
import { COMPUTE_TIER_DEFAULTS, SERVICE_DEFAULTS } from './defaults';
import { COMPUTE_LIMITS } from './facts';
import { ecsTasksTrustPolicy, executionRoleStatements, taskRoleStatements } from './iam';
import { JOB_DEFAULTS, JOB_LIMITS, type JobRetryPolicy, jobRetryPolicyProblems, jobScheduleProblems } from './job-checks';
import { cidrId } from './load-balancer';
import type { ServiceNetworkProps } from './service';
import type { CapacityStrategy, ContainerOptions, CpuArchitecture, EgressRule, TaskRolePolicy } from './types';

/** An EventBridge Scheduler schedule group, as a job names it. Values may be Terraform tokens. */
export interface IScheduleGroup {
  readonly scheduleGroupName: string;
  readonly scheduleGroupArn: string;
}

export interface ScheduleGroupProps {
  /** The environment whose jobs the group holds; the group is named after it. */
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
}

/**
 * The schedule group of an environment's jobs, `<env>`: schedule names are scoped by it, the
 * scheduler roles trust only schedules of this group (`aws:SourceArn`), and AWS/Scheduler's
 * metrics (and so the job alarms) are per group. Construct id: `group`.
 */
export class ScheduleGroup extends Construct implements IScheduleGroup {
  readonly group: SchedulerScheduleGroup;
  readonly scheduleGroupName: string;
  /** The ARN built from the name (known at synth, as a trust policy condition needs it). */
  readonly scheduleGroupArn: string;

  constructor(scope: Construct, id: string, props: ScheduleGroupProps) {
    super(scope, id);
    const name = scheduleGroupName(props.environmentName);
    this.group = new SchedulerScheduleGroup(this, 'group', { name });
    this.scheduleGroupName = this.group.name;
    this.scheduleGroupArn = scheduleGroupArn(props.region, props.accountId, name);
  }
}

export interface ScheduledTaskProps extends ContainerOptions {
  /** The job's name: its container, the schedule (`<group>/<name>`), and `<environmentName>-<name>-*` for its family, roles and queue. */
  readonly name: string;
  /** The environment the job belongs to; every name begins with it. */
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
  /** The log retention floor. @default 'production' */
  readonly tier?: Tier;
  /** The cluster the tasks run in. */
  readonly cluster: ICluster;
  /** The private subnets and egress of the tasks (as a service's). */
  readonly network: ServiceNetworkProps;
  /** KMS key of the job's log group. */
  readonly logKmsKeyArn: string;
  /** The environment's schedule group (ScheduleGroup). */
  readonly scheduleGroup: IScheduleGroup;
  /** `cron(Minutes Hours Day-of-month Month Day-of-week Year)` or `rate(<value> <unit>)`. */
  readonly schedule: string;
  /** IANA time zone a cron schedule is read in; only for cron. @default 'UTC' for a cron schedule */
  readonly timezone?: string;
  /** Retries when a run cannot be started. @default JOB_DEFAULTS.retryPolicy (3 attempts within an hour) */
  readonly retryPolicy?: JobRetryPolicy;
  /** Image URI of the job's container: ECR, pinned by immutable tag or digest. */
  readonly image: string;
  readonly cpu: number;
  readonly memory: number;
  /** @default 'X86_64' */
  readonly architecture?: CpuArchitecture;
  /** @default the cluster's default strategy */
  readonly capacity?: CapacityStrategy;
  /** Seconds between SIGTERM and SIGKILL; at most 120 on Fargate. @default 30 */
  readonly stopTimeout?: number;
  /** @default [] */
  readonly secretKmsKeyArns?: readonly string[];
  /** The job's permissions (its task role); more with `grant`. @default none */
  readonly taskRolePolicies?: readonly TaskRolePolicy[];
  /** Egress besides HTTPS anywhere. @default [] */
  readonly egress?: readonly EgressRule[];
  /** @default the tier's: 365 in production (its minimum), 30 otherwise */
  readonly logRetentionDays?: number;
}

function strategyOf(props: Pick<ScheduledTaskProps, 'capacity' | 'cluster'>): CapacityStrategy {
  return props.capacity ?? props.cluster.defaultCapacityStrategy ?? SERVICE_DEFAULTS.capacity;
}

/** Every problem of a scheduled job's props that the props alone show. */
export function scheduledTaskProblems(props: ScheduledTaskProps): PropProblem[] {
  const tier = props.tier ?? 'production';
  const capacity = strategyOf(props);
  const onEc2 = runsOnEc2Capacity(capacity);
  const family = serviceFamily(props.environmentName, props.name);
  return [
    ...underPath(['name'], containerNameProblems(props.name)),
    ...(props.name.length > JOB_LIMITS.scheduleNameLength ? [propProblem(['name'], `must be at most ${JOB_LIMITS.scheduleNameLength} characters long (a schedule name)`)] : []),
    ...(`${family}-failed-invocations`.length > 80 ? [propProblem(['name'], `is too long: "${family}-failed-invocations" (its dead-letter queue) is more than 80 characters`)] : []),
    ...jobScheduleProblems(props, { timezoneRequired: false }),
    ...(props.retryPolicy ? underPath(['retryPolicy'], jobRetryPolicyProblems(props.retryPolicy)) : []),
    ...taskSizeProblems({ cpu: props.cpu, memory: props.memory, onEc2 }),
    ...(props.capacity ? underPath(['capacity'], capacityStrategyProblems(props.capacity)) : []),
    ...serviceEc2CapacityProblems({ capacity, architecture: props.architecture }, props.cluster.ec2Capacity, "the cluster's ec2Capacity"),
    ...rangeProblems(['stopTimeout'], props.stopTimeout, COMPUTE_LIMITS.stopTimeout),
    ...stopTimeoutProblems({ stopTimeout: props.stopTimeout, onEc2 }),
    ...containerProblems({ ...props, secretAccountId: props.accountId }),
    ...(props.secretKmsKeyArns ?? []).flatMap((key, i) => [
      ...underPath(['secretKmsKeyArns', i], kmsKeyArnProblems(key)),
      ...underPath(['secretKmsKeyArns', i], secretAccountProblems(props.accountId, key, 'the key')),
    ]),
    ...(props.taskRolePolicies ?? []).flatMap((policy, i) => underPath(['taskRolePolicies', i], taskRolePolicyProblems(policy))),
    ...underPath(['taskRolePolicies'], statementIdProblems(props.taskRolePolicies ?? [])),
    ...(props.egress ?? []).flatMap((rule, i) => [
      ...rangeProblems(['egress', i, 'port'], rule.port, COMPUTE_LIMITS.port),
      ...underPath(['egress', i, 'cidr'], cidrProblems(rule.cidr)),
      ...underPath(['egress', i, 'description'], ruleDescriptionProblems(rule.description)),
    ]),
    ...underPath(['logRetentionDays'], logRetentionProblems(tier, props.logRetentionDays)),
    ...(props.network.subnetIds.length === 0 ? [propProblem(['network', 'subnetIds'], 'must list at least 1, got 0')] : []),
  ];
}

/**
 * A scheduled job: a task definition that EventBridge Scheduler runs on a cron or rate
 * schedule (the shape of aws-ecs-patterns' `ScheduledFargateTask`, with Scheduler instead of
 * an EventBridge rule), and no ECS service. The task is hardened as a service's (read-only
 * root filesystem with a writable /tmp, non-root user, init process, every capability dropped,
 * logs to its own encrypted group), in the private subnets with its own security group and no
 * public IP, with its own execution and task roles.
 *
 * The schedule's role (`<env>-<name>-scheduler`) is trusted by scheduler.amazonaws.com for
 * schedules of this account's group only (`aws:SourceAccount`, `aws:SourceArn`), and may run
 * only this job's task definition family in this cluster, pass only the job's two roles to
 * ECS tasks, tag the tasks it starts, and send failed invocations to the job's dead-letter
 * queue (`<env>-<name>-failed-invocations`, after `retryPolicy`).
 *
 * The schedule names the task definition's ARN with its revision, so a new revision (a new
 * image, a new setting) updates the schedule in place in the same apply; a run in progress
 * keeps its revision.
 *
 * Construct ids: `log-group`, `execution-role(-policy)`, `task-role(-policy)`,
 * `task-definition`, `security-group`, `egress-*`, `dead-letter-queue/...`,
 * `scheduler-role(-policy)`, `schedule`.
 */
export class ScheduledTask extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  readonly taskDefinition: EcsTaskDefinition;
  readonly securityGroup: SecurityGroup;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly schedulerRole: IamRole;
  readonly schedulerPolicy: IamRolePolicy;
  readonly schedule: SchedulerSchedule;
  /** `<environmentName>-<name>`: the task definition family. */
  readonly family: string;

  private readonly props: ScheduledTaskProps;
  private readonly grantedPolicies: TaskRolePolicy[] = [];
  private taskPolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ScheduledTaskProps) {
    super(scope, id);
    assertValidProps(this, scheduledTaskProblems(props));
    this.props = props;
    const { environmentName: env, accountId, region, name } = props;
    const tier = props.tier ?? 'production';
    const family = serviceFamily(env, name);
    this.family = family;
    const logGroupName = serviceLogGroupName(env, name);
    const capacity = strategyOf(props);
    const launchType = runsOnEc2Capacity(capacity) ? 'EC2' : 'FARGATE';
    const stopTimeout = props.stopTimeout ?? SERVICE_DEFAULTS.stopTimeout;
    const container: ResolvedContainer = {
      name,
      essential: true,
      image: props.image,
      environment: props.environment ?? {},
      secrets: props.secrets ?? {},
      ...(props.containerHealthCheck ? { healthCheck: { ...SERVICE_DEFAULTS.containerHealthCheck, ...props.containerHealthCheck } } : {}),
      readOnlyRootFilesystem: props.readOnlyRootFilesystem ?? SERVICE_DEFAULTS.readOnlyRootFilesystem,
      user: props.user ?? SERVICE_DEFAULTS.user,
      stopTimeout,
      ...(props.command ? { command: props.command } : {}),
    };

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? COMPUTE_TIER_DEFAULTS[tier].logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });

    this.executionRole = new IamRole(this, 'execution-role', {
      name: `${family}-execution`,
      description: `ECS starts runs of the job ${family}: pulls its image, writes its logs, reads its secrets`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'execution'),
    });
    const executionPolicy = new IamRolePolicy(this, 'execution-role-policy', {
      name: 'start-task',
      role: this.executionRole.id,
      policy: policyDocument(
        executionRoleStatements({
          images: [props.image],
          logGroupArn: logGroupArn(region, accountId, logGroupName),
          secrets: Object.values(container.secrets),
          secretKmsKeyArns: props.secretKmsKeyArns ?? [],
        }),
      ),
    });

    this.taskRole = new IamRole(this, 'task-role', {
      name: `${family}-task`,
      description: `Application permissions of the job ${family}`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'task'),
    });
    const taskStatements = this.taskStatements();
    if (taskStatements.length > 0) this.taskPolicy = this.createTaskPolicy(taskStatements);

    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: [launchType],
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.architecture ?? SERVICE_DEFAULTS.architecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: JSON.stringify(containerDefinitions([container], { logGroupName, region, ecsExec: false })),
      volume: [{ name: SCRATCH_VOLUME.name }],
      // A run starts with its permissions and its log group in place (ECS-017, ECS-019).
      dependsOn: [executionPolicy, this.logGroup, ...(this.taskPolicy ? [this.taskPolicy] : [])],
      // The previous revision stays ACTIVE, so a run already started (or retried) from it works.
      skipDestroy: true,
      lifecycle: { createBeforeDestroy: true },
    });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      namePrefix: `${family}-tasks-`,
      description: `Runs of the job ${family}: no ingress, HTTPS and declared egress out`,
      vpcId: props.network.vpcId,
      tags: { Name: `${family}-tasks` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.egressRule('egress-https', 'HTTPS to AWS APIs and the internet', 443, { cidrIpv4: '0.0.0.0/0' });
    if (props.network.endpointSecurityGroupId) {
      this.egressRule('egress-endpoints', 'HTTPS to the VPC interface endpoints', 443, { referencedSecurityGroupId: props.network.endpointSecurityGroupId });
    }
    for (const rule of props.egress ?? []) this.allowTo(rule.cidr, rule.port, rule.description);

    this.deadLetterQueue = new DeadLetterQueue(this, 'dead-letter-queue', { queueName: `${family}-failed-invocations` });

    const group = props.scheduleGroup;
    this.schedulerRole = new IamRole(this, 'scheduler-role', {
      name: `${family}-scheduler`,
      description: `EventBridge Scheduler starts runs of the job ${family}`,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'TrustSchedulesOfThisGroup',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          // The confused-deputy conditions EventBridge Scheduler documents: this account, this group.
          Condition: { StringEquals: { 'aws:SourceAccount': accountId, 'aws:SourceArn': group.scheduleGroupArn } },
        },
      ]),
    });
    this.schedulerPolicy = new IamRolePolicy(this, 'scheduler-role-policy', {
      name: 'run-task',
      role: this.schedulerRole.id,
      policy: policyDocument(this.schedulerStatements()),
    });

    const ec2Provider = props.cluster.ec2Capacity?.capacityProviderName;
    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name,
      groupName: group.scheduleGroupName,
      description: `Runs the job ${family}`,
      scheduleExpression: props.schedule.trim(),
      ...(props.schedule.trim().startsWith('cron(') ? { scheduleExpressionTimezone: props.timezone ?? JOB_DEFAULTS.timezone } : {}),
      state: 'ENABLED',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.cluster.clusterArn,
        roleArn: this.schedulerRole.arn,
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        retryPolicy: {
          maximumRetryAttempts: props.retryPolicy?.maximumRetryAttempts ?? JOB_DEFAULTS.retryPolicy.maximumRetryAttempts,
          maximumEventAgeInSeconds: props.retryPolicy?.maximumEventAge ?? JOB_DEFAULTS.retryPolicy.maximumEventAge,
        },
        ecsParameters: {
          taskDefinitionArn: this.taskDefinition.arn,
          taskCount: 1,
          // A strategy, not a launch type: the same capacity providers as the services.
          capacityProviderStrategy: capacityProviderStrategy(capacity, ec2Provider).map((entry) => ({ capacityProvider: entry.capacityProvider, weight: entry.weight })),
          ...(launchType === 'FARGATE' ? { platformVersion: 'LATEST' } : {}),
          ...(launchType === 'EC2' ? { placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] } : {}),
          networkConfiguration: { subnets: [...props.network.subnetIds], securityGroups: [this.securityGroup.id], assignPublicIp: false },
          enableEcsManagedTags: true,
          propagateTags: 'TASK_DEFINITION',
        },
      },
      // The first invocation assumes the role and starts a task that must reach ECR and its logs:
      // the role's policy, the cluster's capacity providers and the egress exist first.
      dependsOn: [
        this.schedulerPolicy,
        ...(props.cluster.capacityProvidersDependency ? [props.cluster.capacityProvidersDependency] : []),
        ...(props.network.egressDependencies ?? []),
      ],
    });
  }

  /**
   * Grants the job (its task role) statements, checked like `taskRolePolicies`; the task
   * definition depends on the policy, so the next run has them.
   */
  grant(policies: TaskRolePolicy | readonly TaskRolePolicy[]): void {
    const list: readonly TaskRolePolicy[] = Array.isArray(policies) ? (policies as readonly TaskRolePolicy[]) : [policies as TaskRolePolicy];
    const taken = new Set([...(this.props.taskRolePolicies ?? []), ...this.grantedPolicies].map((policy) => policy.sid));
    assertValidProps(
      this,
      list.flatMap((policy, i) => {
        const duplicate = taken.has(policy.sid);
        taken.add(policy.sid);
        return [
          ...underPath(['grant', i], taskRolePolicyProblems(policy)),
          ...(duplicate ? [propProblem(['grant', i, 'sid'], `"${policy.sid}" is already the id of another statement of the task role's policy`)] : []),
        ];
      }),
    );
    this.grantedPolicies.push(...list);
    const statements = this.taskStatements();
    if (this.taskPolicy) {
      this.taskPolicy.policy = policyDocument(statements);
    } else {
      this.taskPolicy = this.createTaskPolicy(statements);
      this.taskDefinition.dependsOn = [...(this.taskDefinition.dependsOn ?? []), dependable(this.taskPolicy)];
    }
  }

  /** Lets the job's tasks reach TCP `port` of an IPv4 CIDR or a security group (HTTPS anywhere is always allowed). */
  allowTo(peer: string, port: number, description: string): VpcSecurityGroupEgressRule {
    const cidr = !isUnresolved(peer) && /^\d/.test(peer);
    assertValidProps(this, [
      ...rangeProblems(['allowTo', 'port'], port, COMPUTE_LIMITS.port),
      ...(cidr ? underPath(['allowTo', 'peer'], cidrProblems(peer)) : []),
      ...underPath(['allowTo', 'description'], ruleDescriptionProblems(description)),
    ]);
    if (cidr) return this.egressRule(`egress-${port}-${cidrId(peer)}`, description, port, { cidrIpv4: peer });
    const id = isUnresolved(peer) ? description.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') : peer;
    return this.egressRule(`egress-${port}-${id}`, description, port, { referencedSecurityGroupId: peer });
  }

  /** What the scheduler role may do: run this family in this cluster, pass the job's two roles, tag its tasks, report failures. */
  private schedulerStatements(): Statement[] {
    const { accountId, region, cluster } = this.props;
    return [
      {
        Sid: 'RunTheJobsTaskDefinition',
        Effect: 'Allow',
        Action: 'ecs:RunTask',
        Resource: ecsTaskDefinitionFamilyArn(region, accountId, this.family),
        Condition: { ArnEquals: { 'ecs:cluster': cluster.clusterArn } },
      },
      {
        Sid: 'PassTheJobsRoles',
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: [this.executionRole.arn, this.taskRole.arn],
        Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      },
      {
        // propagate_tags: RunTask tags the task it creates, which ECS authorises as TagResource.
        Sid: 'TagTheTasksItStarts',
        Effect: 'Allow',
        Action: 'ecs:TagResource',
        Resource: arn('ecs', region, accountId, `task/${cluster.clusterName}/*`),
        Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
      },
      { Sid: 'ReportFailedInvocations', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: this.deadLetterQueue.queueArn },
    ];
  }

  private taskStatements(): Statement[] {
    return taskRoleStatements([...(this.props.taskRolePolicies ?? []), ...this.grantedPolicies], undefined, {
      accountId: this.props.accountId,
      region: this.props.region,
    });
  }

  private createTaskPolicy(statements: Statement[]): IamRolePolicy {
    return new IamRolePolicy(this, 'task-role-policy', { name: 'application', role: this.taskRole.id, policy: policyDocument(statements) });
  }

  private egressRule(
    id: string,
    description: string,
    port: number,
    target: { cidrIpv4: string } | { referencedSecurityGroupId: string },
  ): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, id, { securityGroupId: this.securityGroup.id, description, ipProtocol: 'tcp', fromPort: port, toPort: port, ...target });
  }
}
