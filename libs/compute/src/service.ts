import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { logGroupArn, serviceFamily, serviceLogGroupName, targetGroupName } from '@ecs-platform/aws-names';
import { assertValidProps, propProblem, type PropProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { policyDocument } from '@ecs-platform/iam-policy';
import { type IQueue, QUEUE_CONSUMER_ACTIONS } from '@ecs-platform/messaging';
import { type EcsServiceRef, type LoadBalancerTargetRef, ServiceScaling } from '@ecs-platform/scaling';
import { dependable, type ITerraformDependable, Op, TerraformSelf, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  availabilityZoneRebalancingProblems,
  capacityStrategyProblems,
  cidrProblems,
  containerNameProblems,
  containerProblems,
  deploymentProblems,
  deregistrationDelayProblems,
  discoveryNameProblems,
  egressRuleProblems,
  environmentProblems,
  healthCheckPathProblems,
  isUnresolved,
  kmsKeyArnProblems,
  listenerRulePriorityProblems,
  logRetentionProblems,
  rangeProblems,
  reasonProblems,
  routingProblems,
  ruleDescriptionProblems,
  runsOnEc2Capacity,
  secretAccountProblems,
  secretArnProblems,
  serviceCallProblems,
  serviceEc2CapacityProblems,
  serviceKindProblems,
  sidecarProblems,
  statementIdProblems,
  stopTimeoutProblems,
  targetHealthCheckProblems,
  taskRolePolicyProblems,
  taskSizeProblems,
  variableNameProblems,
} from './checks';
import { capacityProviderStrategy, type ICluster } from './cluster';
import { containerDefinitions, ECS_EXEC_VOLUMES, type ResolvedContainer, SCRATCH_VOLUME } from './container-definitions';
import { COMPUTE_TIER_DEFAULTS, SERVICE_DEFAULTS } from './defaults';
import { COMPUTE_LIMITS } from './facts';
import { ecsTasksTrustPolicy, type EcsExecPermissions, executionRoleStatements, taskRoleStatements } from './iam';
import { cidrId, type IHttpsLoadBalancer } from './load-balancer';
import type {
  CapacityStrategy,
  ContainerHealthCheck,
  ContainerOptions,
  CpuArchitecture,
  EgressRule,
  Routing,
  ServiceKind,
  SidecarProps,
  TargetHealthCheck,
  TaskRolePolicy,
} from './types';

/** Where a service's tasks run and what they need before they can start. */
export interface ServiceNetworkProps {
  readonly vpcId: string;
  /** Private subnets of the tasks (they never get a public IP). */
  readonly subnetIds: readonly string[];
  /** Security group of the VPC's interface endpoints: the tasks get HTTPS egress to it. @default none */
  readonly endpointSecurityGroupId?: string;
  /**
   * What the tasks need to reach ECR, CloudWatch Logs and Secrets Manager: the private
   * subnets' default routes (NAT) and the VPC endpoints, when there are any. Terraform cannot
   * infer it (nothing of the service references a route), and tasks started before the egress
   * exists fail to pull, which counts toward the circuit breaker. @default none
   */
  readonly egressDependencies?: readonly ITerraformDependable[];
}

export interface ServiceProps extends ContainerOptions {
  /** The ECS service's name, and the name of its own container. */
  readonly name: string;
  /**
   * The environment the service belongs to; every name begins with it: the task definition
   * family and role names `<environmentName>-<name>-*`, the log group `/ecs/<environmentName>/<name>`.
   */
  readonly environmentName: string;
  readonly accountId: string;
  readonly region: string;
  /** How strict the defaults and refusals are (deployment bounds, log retention, deployment alarms). @default 'production' */
  readonly tier?: Tier;
  /** The cluster the service joins. */
  readonly cluster: ICluster;
  readonly network: ServiceNetworkProps;
  /** KMS key that encrypts the service's log group. */
  readonly logKmsKeyArn: string;
  /**
   * `web`: behind the load balancer; `backend`: serves `containerPort` only to other services
   * through Service Connect (the cluster needs its Service Connect namespace); `worker`: no port.
   * @default 'web' when `loadBalancer` is given, else 'worker'
   */
  readonly kind?: ServiceKind;
  /** Image URI of the service's container: ECR, pinned by immutable tag or digest. */
  readonly image: string;
  /** Task CPU units (256 = 0.25 vCPU); a Fargate size unless the service runs on EC2 capacity. */
  readonly cpu: number;
  /** Task memory in MiB; a size Fargate offers for `cpu` unless the service runs on EC2 capacity. */
  readonly memory: number;
  /** @default 'X86_64' */
  readonly architecture?: CpuArchitecture;
  /** Capacity provider strategy. @default the cluster's default strategy */
  readonly capacity?: CapacityStrategy;
  /** Tasks to run; once `autoScaleTaskCount` is called, only the first count (Application Auto Scaling owns it). @default 1 */
  readonly desiredCount?: number;
  /** Lowest share of `desiredCount` kept running during a deployment. @default the tier's: 100 in production (its minimum), 50 otherwise */
  readonly minimumHealthyPercent?: number;
  /** Highest share of `desiredCount` running during a deployment. @default 200 */
  readonly maximumPercent?: number;
  /**
   * AZ rebalancing: ECS moves tasks back into a zone that lost them (after a zone outage or
   * an uneven scale-out), starting new tasks before it stops the surplus. Needs
   * `maximumPercent` above 100; on EC2 capacity the tasks are spread over the zones first.
   * @default the tier's (on in every tier) when `maximumPercent` is above 100, else off
   */
  readonly availabilityZoneRebalancing?: boolean;
  /** Port the container listens on. Required for a web or backend service, not allowed for a worker. @default none */
  readonly containerPort?: number;
  /** Path the load balancer's health check requests. Required for a web service. @default none */
  readonly healthCheckPath?: string;
  /** The load balancer's health check (web only). @default see `TargetHealthCheck` */
  readonly healthCheck?: TargetHealthCheck;
  /** Seconds the load balancer drains a task; not longer than `stopTimeout` (web only). @default 30, or `stopTimeout` if shorter */
  readonly deregistrationDelay?: number;
  /** The HTTPS load balancer a web service joins. @default none (a worker) */
  readonly loadBalancer?: IHttpsLoadBalancer;
  /** The listener rule of a web service; `priority` is required. @default none (a worker) */
  readonly routing?: Routing;
  /** Seconds between SIGTERM and SIGKILL; at most 120 on Fargate. @default 30 */
  readonly stopTimeout?: number;
  /** Additional containers of the task. @default [] */
  readonly sidecars?: readonly SidecarProps[];
  /** Customer managed KMS keys of the secrets; the execution role may decrypt with them. @default [] */
  readonly secretKmsKeyArns?: readonly string[];
  /** The application's permissions (the task role); more with `grant`. @default none: the task role has no policy */
  readonly taskRolePolicies?: readonly TaskRolePolicy[];
  /** Egress of the tasks besides HTTPS anywhere; more with `allowTo`. @default [] */
  readonly egress?: readonly EgressRule[];
  /** Days the service's logs are kept. @default the tier's: 365 in production (its minimum), 30 otherwise */
  readonly logRetentionDays?: number;
  /** ECS Exec into the tasks; the cluster must have it configured. @default whether the cluster has ECS Exec */
  readonly enableExecuteCommand?: boolean;
  /**
   * Why a production web service deploys without deployment alarms. Without alarms a
   * deployment that serves errors is not rolled back (only one whose tasks fail to start is).
   * @default none: a production web service must get alarms through `addDeploymentAlarms` before synthesis
   */
  readonly deploymentAlarmsReason?: string;
}

/** The routing of a web service with every default applied. */
interface ResolvedRouting {
  readonly hosts: readonly string[];
  readonly paths?: readonly string[];
  readonly priority: number;
}

function kindOf(props: Pick<ServiceProps, 'kind' | 'loadBalancer'>): ServiceKind {
  return props.kind ?? (props.loadBalancer ? 'web' : 'worker');
}

function strategyOf(props: Pick<ServiceProps, 'capacity' | 'cluster'>): CapacityStrategy {
  return props.capacity ?? props.cluster.defaultCapacityStrategy ?? SERVICE_DEFAULTS.capacity;
}

/** Every problem with a service's props that can be seen from the props alone. */
export function serviceProblems(props: ServiceProps): PropProblem[] {
  const tier = props.tier ?? 'production';
  const kind = kindOf(props);
  const capacity = strategyOf(props);
  const onEc2 = runsOnEc2Capacity(capacity);
  const web = kind === 'web';
  const routing = props.routing;
  const hosts = routing?.hosts ?? (props.loadBalancer?.domainName ? [props.loadBalancer.domainName] : []);
  return [
    ...underPath(['name'], containerNameProblems(props.name)),
    ...taskSizeProblems({ cpu: props.cpu, memory: props.memory, onEc2 }),
    ...(props.capacity ? underPath(['capacity'], capacityStrategyProblems(props.capacity)) : []),
    ...serviceEc2CapacityProblems({ capacity, architecture: props.architecture }, props.cluster.ec2Capacity, "the cluster's ec2Capacity"),
    ...rangeProblems(['desiredCount'], props.desiredCount, COMPUTE_LIMITS.desiredCount),
    ...deploymentProblems({ tier, minimumHealthyPercent: props.minimumHealthyPercent, maximumPercent: props.maximumPercent }),
    ...availabilityZoneRebalancingProblems({ tier, availabilityZoneRebalancing: props.availabilityZoneRebalancing, maximumPercent: props.maximumPercent }),
    ...(kind === 'backend' && !props.cluster.serviceConnectNamespaceArn
      ? [propProblem(['kind'], "a backend service needs the cluster's Service Connect namespace (the Cluster's serviceConnect): other services reach it only through Service Connect")]
      : []),
    ...(kind === 'backend' ? underPath(['name'], discoveryNameProblems(props.name)) : []),
    ...serviceKindProblems({ ...props, kind }),
    ...(web && !props.loadBalancer ? [propProblem(['loadBalancer'], 'is required for a web service (kind: web)')] : []),
    ...(web && routing?.priority === undefined ? [propProblem(['routing', 'priority'], 'is required for a web service: listener rules are evaluated by priority')] : []),
    ...(web && props.loadBalancer && hosts.length === 0 && !routing?.paths
      ? [propProblem(['routing'], 'needs hosts or paths: the load balancer has no domainName to route by')]
      : []),
    ...(routing ? underPath(['routing'], routingProblems({ ...routing, hosts: routing.hosts })) : []),
    ...underPath(['healthCheckPath'], healthCheckPathProblems(props.healthCheckPath)),
    ...(props.healthCheck ? underPath(['healthCheck'], targetHealthCheckProblems(props.healthCheck)) : []),
    ...rangeProblems(['stopTimeout'], props.stopTimeout, COMPUTE_LIMITS.stopTimeout),
    ...rangeProblems(['deregistrationDelay'], props.deregistrationDelay, COMPUTE_LIMITS.deregistrationDelay),
    ...stopTimeoutProblems({ stopTimeout: props.stopTimeout, onEc2 }),
    ...deregistrationDelayProblems(props),
    ...containerProblems({ ...props, secretAccountId: props.accountId }),
    ...(props.sidecars ?? []).flatMap((sidecar, i) => [
      ...underPath(['sidecars', i, 'name'], containerNameProblems(sidecar.name)),
      ...underPath(['sidecars', i], containerProblems({ ...sidecar, secretAccountId: props.accountId })),
      ...rangeProblems(['sidecars', i, 'cpu'], sidecar.cpu, COMPUTE_LIMITS.sidecarCpu),
      ...rangeProblems(['sidecars', i, 'memory'], sidecar.memory, COMPUTE_LIMITS.sidecarMemory),
    ]),
    ...(props.sidecars && props.sidecars.length > COMPUTE_LIMITS.sidecars.max
      ? [propProblem(['sidecars'], `must list at most ${COMPUTE_LIMITS.sidecars.max}, got ${props.sidecars.length}`)]
      : []),
    ...sidecarProblems(props),
    ...(props.secretKmsKeyArns ?? []).flatMap((arn, i) => [
      ...underPath(['secretKmsKeyArns', i], kmsKeyArnProblems(arn)),
      ...underPath(['secretKmsKeyArns', i], secretAccountProblems(props.accountId, arn, 'the key')),
    ]),
    ...(props.taskRolePolicies ?? []).flatMap((policy, i) => underPath(['taskRolePolicies', i], taskRolePolicyProblems(policy))),
    ...underPath(['taskRolePolicies'], statementIdProblems(props.taskRolePolicies ?? [])),
    ...(props.egress ?? []).flatMap((rule, i) => underPath(['egress', i], egressRuleProblems(rule))),
    ...underPath(['logRetentionDays'], logRetentionProblems(tier, props.logRetentionDays)),
    ...(props.enableExecuteCommand && !props.cluster.executeCommand
      ? [propProblem(['enableExecuteCommand'], 'needs ECS Exec on the cluster (its executeCommand): sessions are encrypted and logged there')]
      : []),
    ...reasonProblems(['deploymentAlarmsReason'], props.deploymentAlarmsReason),
    ...(props.deploymentAlarmsReason && !web ? [propProblem(['deploymentAlarmsReason'], 'is only for web services: a worker gets no deployment alarms')] : []),
    ...(props.network.subnetIds.length === 0 ? [propProblem(['network', 'subnetIds'], 'must list at least 1, got 0')] : []),
  ];
}

/** How long Terraform waits for a deployment to reach steady state, in minutes. */
export function deploymentTimeoutMinutes(inputs: {
  readonly stopTimeout: number;
  /** Web services only. */
  readonly loadBalancing?: { readonly gracePeriod: number; readonly interval: number; readonly healthyThreshold: number; readonly deregistrationDelay: number };
}): number {
  const lb = inputs.loadBalancing;
  // Start, pass the health checks, drain the old task; twice, for a rollback, and a margin.
  const perTask = lb ? lb.gracePeriod + lb.interval * (lb.healthyThreshold + 1) + lb.deregistrationDelay : 120;
  return Math.max(15, Math.ceil((2 * (perTask + inputs.stopTimeout)) / 60) + 10);
}

/** Log stream prefix of the Service Connect proxy in the service's log group. */
export const SERVICE_CONNECT_LOG_STREAM_PREFIX = 'service-connect';

/** What `Service.connectTo` made: the service called, its port, and the two rules that open the path. */
export interface ServiceConnection {
  readonly service: Service;
  readonly port: number;
  /** On the called service's task security group, from the caller's. */
  readonly ingress: VpcSecurityGroupIngressRule;
  /** On the caller's task security group, to the called service's. */
  readonly egress: VpcSecurityGroupEgressRule;
}

/** Listener rule priorities already taken, per listener, per stack: priorities are unique on a listener. */
const claimedPriorities = new WeakMap<TerraformStack, Map<string, Map<number, string>>>();

/** A construct id from a free text: lowercase letters, digits and hyphens. */
function idFrom(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Options of `Service.autoScaleTaskCount`. */
export interface TaskCountScalingProps {
  /** The fewest tasks Application Auto Scaling may run (0 to 1000). */
  readonly minCapacity: number;
  /** The most tasks (0 to 1000), not below `minCapacity`. */
  readonly maxCapacity: number;
  /** Where the scaler's constructs go. @default the service itself */
  readonly scope?: Construct;
  /** Construct id of the scaler. @default 'scaling' */
  readonly id?: string;
}

/**
 * One ECS service (a web service behind an HTTPS load balancer, or a worker) and everything
 * only it uses: its log group, execution and task roles, task definition, security group and,
 * for a web service, its target group and listener rule. The shape of aws-ecs's
 * `BaseService`: the handles are public, and `grant`, `allowFrom`, `allowTo`,
 * `autoScaleTaskCount` and `addDeploymentAlarms` change the service after it is made.
 *
 * Construct ids: `log-group`, `execution-role(-policy)`, `task-role(-policy)`,
 * `task-definition`, `security-group`, `egress-*`, `ingress-*`, `target-group`,
 * `listener-rule`, `service` (docs/design.md decision 7).
 */
export class Service extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  readonly taskDefinition: EcsTaskDefinition;
  readonly securityGroup: SecurityGroup;
  /** Web services only. */
  readonly targetGroup?: LbTargetGroup;
  /** Web services only. */
  readonly listenerRule?: LbListenerRule;
  readonly service: EcsService;
  readonly kind: ServiceKind;
  /** The ECS service's name as a reference (scaling and alarms wait for the service through it). */
  readonly serviceName: string;
  /** The cluster's name, as the cluster gave it. */
  readonly clusterName: string;
  /** The load balancer a web service joined. */
  readonly loadBalancer?: IHttpsLoadBalancer;

  private readonly props: ServiceProps;
  private readonly tier: Tier;
  private readonly exec?: EcsExecPermissions;
  private readonly grantedPolicies: TaskRolePolicy[] = [];
  /** The containers as the task definition writes them; addSecret and addEnvironment change the first. */
  private readonly containers: ResolvedContainer[];
  private readonly executionPolicy: IamRolePolicy;
  /** Secrets Manager secrets added by reference (addSecret): the execution role reads exactly these. */
  private readonly referencedSecretArns: string[] = [];
  private readonly addedSecretKmsKeyArns: string[] = [];
  private taskPolicy?: IamRolePolicy;
  private readonly deploymentAlarms: CloudwatchMetricAlarm[] = [];
  private scaled = false;
  private consumedQueue?: IQueue;
  private scaling?: ServiceScaling;
  /** Service Connect: whether the service calls others (client) and serves its port to them (server). */
  private serviceConnect?: { server: boolean };
  /** The services this one calls, by name, with the rules that let it (connectTo). */
  private readonly callees = new Map<string, ServiceConnection>();
  /** Services whose ECS service this one's waits for (callees), to keep the graph acyclic. */
  private readonly waitsFor = new Set<Service>();

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    assertValidProps(this, serviceProblems(props));
    this.props = props;
    const { environmentName: env, accountId, region, name } = props;
    this.tier = props.tier ?? 'production';
    this.kind = kindOf(props);
    const family = serviceFamily(env, name);
    const logGroupName = serviceLogGroupName(env, name);
    const capacity = strategyOf(props);
    const launchType = runsOnEc2Capacity(capacity) ? 'EC2' : 'FARGATE';
    const stopTimeout = props.stopTimeout ?? SERVICE_DEFAULTS.stopTimeout;
    const enableExec = props.enableExecuteCommand ?? props.cluster.executeCommand !== undefined;
    this.exec = enableExec ? props.cluster.executeCommand : undefined;
    const containers = resolveContainers(props, stopTimeout);
    this.containers = containers;
    const tierDefaults = COMPUTE_TIER_DEFAULTS[this.tier];

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? tierDefaults.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
    });

    // Execution role: used by ECS itself to start the task (pull, logs, secrets).
    this.executionRole = new IamRole(this, 'execution-role', {
      name: `${family}-execution`,
      description: `ECS starts tasks of ${family}: pulls its images, writes its logs, reads its secrets`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'execution'),
    });
    const executionPolicy = new IamRolePolicy(this, 'execution-role-policy', {
      name: 'start-task',
      role: this.executionRole.id,
      policy: this.executionPolicyDocument(),
    });
    this.executionPolicy = executionPolicy;

    // Task role: the application's own permissions, none unless granted.
    this.taskRole = new IamRole(this, 'task-role', {
      name: `${family}-task`,
      description: `Application permissions of ${family}`,
      assumeRolePolicy: ecsTasksTrustPolicy(accountId, region, 'task'),
    });
    const taskStatements = this.taskStatements();
    if (taskStatements.length > 0) this.taskPolicy = this.createTaskPolicy(taskStatements);

    const volumes = [SCRATCH_VOLUME, ...(this.exec ? ECS_EXEC_VOLUMES : [])];
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: [launchType],
      cpu: String(props.cpu),
      memory: String(props.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: props.architecture ?? SERVICE_DEFAULTS.architecture },
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      containerDefinitions: this.containerDefinitionsJson(),
      volume: volumes.map((volume) => ({ name: volume.name })),
      // The first task needs its permissions in place: ECS pulls and logs with the execution
      // role's, the application (and ECS Exec) calls AWS with the task role's. `grant` adds
      // the task role's policy here when it creates it later. And its log group: the awslogs
      // driver names it by a string, an edge Terraform cannot see (ECS-019).
      dependsOn: [executionPolicy, this.logGroup, ...(this.taskPolicy ? [this.taskPolicy] : [])],
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
      vpcId: props.network.vpcId,
      tags: { Name: `${family}-tasks` },
      lifecycle: { createBeforeDestroy: true },
    });
    // ECR (its layers come from S3), CloudWatch Logs, Secrets Manager and any HTTPS API.
    this.egressRule('egress-https', 'HTTPS to AWS APIs and the internet', 443, { cidrIpv4: '0.0.0.0/0' });
    if (props.network.endpointSecurityGroupId) {
      this.egressRule('egress-endpoints', 'HTTPS to the VPC interface endpoints', 443, {
        referencedSecurityGroupId: props.network.endpointSecurityGroupId,
      });
    }
    for (const rule of props.egress ?? []) this.allowTo(rule.cidr, rule.port, rule.description);

    let loadBalancing: Parameters<typeof deploymentTimeoutMinutes>[0]['loadBalancing'];
    if (this.kind === 'web') {
      // serviceProblems made sure these exist for a web service.
      const alb = props.loadBalancer as IHttpsLoadBalancer;
      const port = props.containerPort as number;
      const routing = this.resolveRouting(alb);
      const check = { ...SERVICE_DEFAULTS.healthCheck, ...props.healthCheck };
      const deregistrationDelay = props.deregistrationDelay ?? Math.min(SERVICE_DEFAULTS.deregistrationDelay, stopTimeout);
      loadBalancing = { ...check, deregistrationDelay };
      this.loadBalancer = alb;
      new VpcSecurityGroupIngressRule(this, 'ingress-from-load-balancer', {
        securityGroupId: this.securityGroup.id,
        description: 'Container port from the load balancer only',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: alb.securityGroupId,
      });
      new VpcSecurityGroupEgressRule(this, 'load-balancer-egress', {
        securityGroupId: alb.securityGroupId,
        description: `To the tasks of ${family} on their container port`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId: this.securityGroup.id,
      });
      this.targetGroup = new LbTargetGroup(this, 'target-group', {
        name: targetGroupName(env, name, { port, protocol: 'HTTP', targetType: 'ip' }),
        vpcId: props.network.vpcId,
        targetType: 'ip',
        protocol: 'HTTP',
        port,
        lifecycle: { createBeforeDestroy: true },
        // Not longer than the stop timeout: a draining task is not killed mid-request.
        deregistrationDelay: String(deregistrationDelay),
        healthCheck: {
          enabled: true,
          protocol: 'HTTP',
          port: 'traffic-port',
          path: props.healthCheckPath,
          matcher: check.matcher,
          interval: check.interval,
          timeout: check.timeout,
          healthyThreshold: check.healthyThreshold,
          unhealthyThreshold: check.unhealthyThreshold,
        },
        tags: { Name: family },
      });
      this.listenerRule = new LbListenerRule(this, 'listener-rule', {
        listenerArn: alb.httpsListenerArn,
        priority: routing.priority,
        action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        condition: [
          ...(routing.hosts.length > 0 ? [{ hostHeader: { values: [...routing.hosts] } }] : []),
          ...(routing.paths ? [{ pathPattern: { values: [...routing.paths] } }] : []),
        ],
        tags: { Name: family },
      });
    }

    const timeout = `${deploymentTimeoutMinutes({ stopTimeout, loadBalancing })}m`;
    const maximumPercent = props.maximumPercent ?? tierDefaults.maximumPercent;
    this.service = new EcsService(this, 'service', {
      name,
      cluster: props.cluster.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: props.desiredCount ?? SERVICE_DEFAULTS.desiredCount,
      capacityProviderStrategy: capacityProviderStrategy(capacity, props.cluster.ec2Capacity?.capacityProviderName),
      ...(launchType === 'FARGATE' ? { platformVersion: 'LATEST' } : {}),
      // Spread EC2 tasks over the availability zones first, then over instances.
      ...(launchType === 'EC2'
        ? {
            orderedPlacementStrategy: [
              { type: 'spread', field: 'attribute:ecs.availability-zone' },
              { type: 'spread', field: 'instanceId' },
            ],
          }
        : {}),
      networkConfiguration: {
        subnets: [...props.network.subnetIds],
        securityGroups: [this.securityGroup.id],
        assignPublicIp: false,
      },
      deploymentController: { type: 'ECS' },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: props.minimumHealthyPercent ?? tierDefaults.minimumHealthyPercent,
      deploymentMaximumPercent: maximumPercent,
      // Fargate, and EC2 with the zone spread first: the placements ECS rebalances.
      availabilityZoneRebalancing: (props.availabilityZoneRebalancing ?? (tierDefaults.availabilityZoneRebalancing && maximumPercent > 100)) ? 'ENABLED' : 'DISABLED',
      ...(this.targetGroup && loadBalancing
        ? {
            loadBalancer: [{ targetGroupArn: this.targetGroup.arn, containerName: name, containerPort: props.containerPort as number }],
            healthCheckGracePeriodSeconds: loadBalancing.gracePeriod,
          }
        : {}),
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: this.exec !== undefined,
      // The apply waits until the deployment is steady, and the postcondition fails it when the
      // steady state was reached by the circuit breaker rolling back to the previous revision
      // (the provider reports that as success: hashicorp/terraform-provider-aws#20858).
      waitForSteadyState: true,
      timeouts: { create: timeout, update: timeout },
      lifecycle: {
        postcondition: [
          {
            condition: Op.eq(TerraformSelf.getString('task_definition'), this.taskDefinition.arn),
            errorMessage: `${family} did not reach a steady state on the new task definition: the deployment failed and was rolled back (see the service's events)`,
          },
        ],
      },
      // The cluster's capacity providers must be associated and the target group attached to
      // the load balancer before ECS places tasks, and the tasks need their way out (NAT
      // routes, endpoints) before they start.
      dependsOn: [
        ...(props.cluster.capacityProvidersDependency ? [props.cluster.capacityProvidersDependency] : []),
        ...(this.listenerRule ? [this.listenerRule] : []),
        ...(props.network.egressDependencies ?? []),
      ],
      tags: { Name: family },
    });
    this.serviceName = this.service.name;
    this.clusterName = props.cluster.clusterName;
    // A backend is there to be called: it serves its port through Service Connect from the start.
    if (this.kind === 'backend') this.useServiceConnect(true);

    this.node.addValidation({ validate: () => this.deploymentAlarmProblems() });
  }

  /** The port other services call through Service Connect: a web or backend service's container port. @default none (a worker) */
  get containerPort(): number | undefined {
    return this.props.containerPort;
  }

  /** The services this one calls through Service Connect (connectTo), by name. */
  get connections(): Readonly<Record<string, ServiceConnection>> {
    return Object.fromEntries(this.callees);
  }

  /**
   * Lets this service call `other` by name through ECS Service Connect, at
   * `http://<other's name>:<other's container port>`, and opens exactly that path: an ingress
   * rule on the other's task security group from this service's tasks on its container port,
   * and this service's egress to it. `other` serves its port in the cluster's Service Connect
   * namespace (a named port mapping and a server entry), this service joins the namespace as a
   * client, and this service's ECS service waits for the other's (Service Connect tasks resolve
   * only the endpoints that existed when they started) unless that would make a cycle. Both
   * proxies log to their service's log group. Calling it again for the same service returns
   * the same connection.
   */
  connectTo(other: Service): ServiceConnection {
    const existing = this.callees.get(other.props.name);
    if (existing && existing.service === other) return existing;
    const namespace = this.props.cluster.serviceConnectNamespaceArn;
    assertValidProps(this, [
      ...underPath(
        ['connectTo'],
        serviceCallProblems({ name: this.props.name, kind: this.kind }, { name: other.props.name, kind: other.kind, containerPort: other.props.containerPort }),
      ),
      ...(other !== this && other.props.name === this.props.name ? [propProblem(['connectTo'], `another service is already named "${this.props.name}"`)] : []),
      ...(existing ? [propProblem(['connectTo'], `already calls a service named "${other.props.name}"`)] : []),
      ...(namespace ? [] : [propProblem(['connectTo'], "needs the cluster's Service Connect namespace (the Cluster's serviceConnect or enableServiceConnect())")]),
      ...(namespace && other.props.cluster.serviceConnectNamespaceArn !== namespace
        ? [propProblem(['connectTo'], `"${other.props.name}" is in another Service Connect namespace: both services must join the same one`)]
        : []),
    ]);
    const port = other.props.containerPort as number;
    other.useServiceConnect(true);
    this.useServiceConnect(false);
    const ingress = new VpcSecurityGroupIngressRule(other, `service-connect-from-${idFrom(this.props.name)}`, {
      securityGroupId: other.securityGroup.id,
      description: `${this.props.name} calls ${other.props.name} through Service Connect`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    const egress = new VpcSecurityGroupEgressRule(this, `service-connect-to-${idFrom(other.props.name)}`, {
      securityGroupId: this.securityGroup.id,
      description: `${this.props.name} calls ${other.props.name} through Service Connect`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: other.securityGroup.id,
    });
    // New tasks resolve the endpoints that exist when they start: the called service first,
    // unless it already waits for this one (services that call each other).
    const waits = !other.reaches(this);
    if (waits) this.waitsFor.add(other);
    this.service.dependsOn = [
      ...(this.service.dependsOn ?? []),
      ...(waits ? [dependable(other.service)] : []),
      dependable(ingress),
      dependable(egress),
    ];
    const connection: ServiceConnection = { service: other, port, ingress, egress };
    this.callees.set(other.props.name, connection);
    return connection;
  }

  /** `caller.connectTo(this)`: the caller may call this service through Service Connect. */
  allowCallsFrom(caller: Service): ServiceConnection {
    return caller.connectTo(this);
  }

  /** Whether this service's ECS service waits, directly or not, for `target`'s. */
  private reaches(target: Service, seen = new Set<Service>()): boolean {
    if (this === target) return true;
    if (seen.has(this)) return false;
    seen.add(this);
    return [...this.waitsFor].some((next) => next.reaches(target, seen));
  }

  /**
   * Joins the cluster's Service Connect namespace: as a client (it calls others), and as a
   * server too when `server` (others call it on its named container port). The proxy ECS adds
   * to the task logs to the service's own log group.
   */
  private useServiceConnect(server: boolean): void {
    const wasServer = this.serviceConnect?.server ?? false;
    if (this.serviceConnect && (wasServer || !server)) return;
    this.serviceConnect = { server: wasServer || server };
    const { environmentName, name, region } = this.props;
    const port = this.props.containerPort;
    if (this.serviceConnect.server && port !== undefined) {
      this.containers[0] = { ...this.containers[0], portName: idFrom(name) };
      this.taskDefinition.containerDefinitions = this.containerDefinitionsJson();
    }
    this.service.putServiceConnectConfiguration({
      enabled: true,
      namespace: this.props.cluster.serviceConnectNamespaceArn,
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': serviceLogGroupName(environmentName, name),
          'awslogs-region': region,
          'awslogs-stream-prefix': SERVICE_CONNECT_LOG_STREAM_PREFIX,
        },
      },
      ...(this.serviceConnect.server && port !== undefined
        ? { service: [{ portName: idFrom(name), discoveryName: name, clientAlias: { port, dnsName: name } }] }
        : {}),
    });
  }

  /** The service as libs/scaling's scalers and alarms name it. */
  get serviceRef(): EcsServiceRef {
    return { clusterName: this.clusterName, serviceName: this.serviceName };
  }

  /** The load balancer and target group of a web service, for request-count scaling and its alarms. @default none (a worker) */
  get loadBalancerTarget(): LoadBalancerTargetRef | undefined {
    return this.targetGroup && this.loadBalancer
      ? { loadBalancerArnSuffix: this.loadBalancer.loadBalancerArnSuffix, targetGroupArnSuffix: this.targetGroup.arnSuffix }
      : undefined;
  }

  /** Whether Application Auto Scaling owns the task count (Terraform ignores `desired_count`). */
  get autoScaled(): boolean {
    return this.scaled;
  }

  /** The deployment alarms the service names, in the order they were added. */
  get alarms(): readonly CloudwatchMetricAlarm[] {
    return [...this.deploymentAlarms];
  }

  /**
   * Grants the application (the task role) one or more statements, checked like
   * `taskRolePolicies`. The task definition keeps depending on the task role's policy, so the
   * first task starts with the permission in place.
   */
  grant(policies: TaskRolePolicy | readonly TaskRolePolicy[]): void {
    const list: readonly TaskRolePolicy[] = isPolicyList(policies) ? policies : [policies];
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

  /**
   * Admits TCP `port` from a security group (another service's, a bastion's) to the tasks.
   * The other group must allow the egress itself.
   */
  allowFrom(securityGroupId: string, port: number, description: string): VpcSecurityGroupIngressRule {
    assertValidProps(this, [...rangeProblems(['allowFrom', 'port'], port, COMPUTE_LIMITS.port), ...underPath(['allowFrom', 'description'], ruleDescriptionProblems(description))]);
    const peer = isUnresolved(securityGroupId) ? idFrom(description) : securityGroupId;
    return new VpcSecurityGroupIngressRule(this, `ingress-${port}-${peer}`, {
      securityGroupId: this.securityGroup.id,
      description,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: securityGroupId,
    });
  }

  /**
   * Lets the tasks reach TCP `port` of an IPv4 CIDR or a security group (HTTPS anywhere is
   * always allowed). A group must admit the tasks itself (its owner's `allowFrom`).
   */
  allowTo(peer: string, port: number, description: string): VpcSecurityGroupEgressRule {
    const cidr = !isUnresolved(peer) && /^\d/.test(peer);
    assertValidProps(this, [
      ...rangeProblems(['allowTo', 'port'], port, COMPUTE_LIMITS.port),
      ...(cidr ? underPath(['allowTo', 'peer'], cidrProblems(peer)) : []),
      ...underPath(['allowTo', 'description'], ruleDescriptionProblems(description)),
    ]);
    if (cidr) return this.egressRule(`egress-${port}-${cidrId(peer)}`, description, port, { cidrIpv4: peer });
    const id = isUnresolved(peer) ? idFrom(description) : peer;
    return this.egressRule(`egress-${port}-${id}`, description, port, { referencedSecurityGroupId: peer });
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

  /**
   * Hands the task count to Application Auto Scaling: a scalable target for this service
   * (libs/scaling's ServiceScaling, with the load balancer target of a web service for
   * request-count scaling), and Terraform ignores `desired_count` from now on, so the scaler
   * and Terraform never fight over it (docs/design.md decision 5). Add policies on the result
   * (`scaleOnCpuUtilization`, `scaleOnRequestCount`, `scaleOnMetric`, `scaleOnSchedule`, ...).
   */
  autoScaleTaskCount(props: TaskCountScalingProps): ServiceScaling {
    if (this.scaling) throw new Error(`${this.node.path}: the task count is already auto-scaled (autoScaleTaskCount was called before)`);
    this.scaling = new ServiceScaling(props.scope ?? this, props.id ?? 'scaling', {
      service: { clusterName: this.clusterName, serviceName: this.serviceName },
      namePrefix: serviceFamily(this.props.environmentName, this.props.name),
      minCapacity: props.minCapacity,
      maxCapacity: props.maxCapacity,
      ...(this.loadBalancerTarget ? { loadBalancerTarget: this.loadBalancerTarget } : {}),
      tier: this.tier,
    });
    this.markAutoScaled();
    return this.scaling;
  }

  /**
   * Leaves the task count to Application Auto Scaling without making the scalable target:
   * Terraform ignores `desired_count` from now on, as after `autoScaleTaskCount`. Only for a
   * scalable target made elsewhere; prefer `autoScaleTaskCount`, which does both.
   */
  markAutoScaled(): void {
    if (this.scaled) return;
    this.scaled = true;
    this.service.lifecycle = { ...this.service.lifecycle, ignoreChanges: ['desired_count'] };
  }

  private deploymentAlarmProblems(): string[] {
    const { deploymentAlarmsReason } = this.props;
    if (this.kind !== 'web') return [];
    if (this.deploymentAlarms.length > 0) {
      return deploymentAlarmsReason ? ['deploymentAlarmsReason: is only allowed without deployment alarms; remove it'] : [];
    }
    if (COMPUTE_TIER_DEFAULTS[this.tier].deploymentAlarms !== 'required' || deploymentAlarmsReason) return [];
    return [
      'a production web service needs deployment alarms (addDeploymentAlarms), so that a deployment that serves errors rolls back; ' +
        'or say why not in "deploymentAlarmsReason"',
    ];
  }

  /**
   * Hands the application's container a Secrets Manager secret as the variable `name`: ECS
   * reads it at task start with the execution role, which may then read exactly this secret
   * (and decrypt with `kmsKeyArn`). The ARN may be a reference to a secret of the same stack,
   * such as the master user secret RDS manages; `jsonKey` picks one key of a JSON secret.
   */
  addSecret(name: string, secret: { readonly secretArn: string; readonly jsonKey?: string; readonly kmsKeyArn?: string }): void {
    const [main] = this.containers;
    const literal = !isUnresolved(secret.secretArn);
    assertValidProps(this, [
      ...underPath(['addSecret', 'name'], variableNameProblems(name)),
      ...(name in main.secrets || name in main.environment ? [propProblem(['addSecret', 'name'], `"${name}" is already a variable of ${main.name}`)] : []),
      ...(literal ? underPath(['addSecret', 'secretArn'], secretArnProblems(secret.secretArn)) : []),
      ...(literal ? underPath(['addSecret', 'secretArn'], secretAccountProblems(this.props.accountId, secret.secretArn, 'the secret')) : []),
      ...(secret.kmsKeyArn && !isUnresolved(secret.kmsKeyArn) ? underPath(['addSecret', 'kmsKeyArn'], kmsKeyArnProblems(secret.kmsKeyArn)) : []),
    ]);
    const valueFrom = secret.jsonKey ? `${secret.secretArn}:${secret.jsonKey}::` : secret.secretArn;
    this.containers[0] = { ...main, secrets: { ...main.secrets, [name]: valueFrom } };
    if (!literal) this.referencedSecretArns.push(secret.secretArn);
    if (secret.kmsKeyArn) this.addedSecretKmsKeyArns.push(secret.kmsKeyArn);
    this.taskDefinition.containerDefinitions = this.containerDefinitionsJson();
    this.executionPolicy.policy = this.executionPolicyDocument();
  }

  /**
   * Sets a plain environment variable of the application's container; the value may be a
   * reference (a database's address). Secret-looking names are refused: use addSecret.
   */
  addEnvironment(name: string, value: string): void {
    const [main] = this.containers;
    assertValidProps(this, [
      ...underPath(['addEnvironment'], environmentProblems({ [name]: value })),
      ...(name in main.secrets || name in main.environment ? [propProblem(['addEnvironment', name], `"${name}" is already a variable of ${main.name}`)] : []),
    ]);
    this.containers[0] = { ...main, environment: { ...main.environment, [name]: value } };
    this.taskDefinition.containerDefinitions = this.containerDefinitionsJson();
  }

  /**
   * Makes the service a consumer of an SQS queue: the task role may receive, delete, change
   * the visibility of its messages and read its attributes, on this queue only (and decrypt
   * with its customer managed key, if it has one), and the queue's URL reaches the container
   * as `variable`. Scale it on the queue's backlog with
   * `autoScaleTaskCount(...).scaleOnBacklogPerTask({ queueName: queue.queueName, ... })`.
   */
  consumeQueue(queue: IQueue, options: { readonly variable?: string } = {}): void {
    if (this.consumedQueue) throw new Error(`${this.node.path}: already consumes a queue (consumeQueue was called before)`);
    // The variable first: it is what may be refused (a name the container already has).
    this.addEnvironment(options.variable ?? 'QUEUE_URL', queue.queueUrl);
    this.grant([
      { sid: 'ConsumeQueue', actions: [...QUEUE_CONSUMER_ACTIONS], resources: [queue.queueArn] },
      ...(queue.kmsKeyArn ? [{ sid: 'DecryptQueueMessages', actions: ['kms:Decrypt'], resources: [queue.kmsKeyArn] }] : []),
    ]);
    this.consumedQueue = queue;
  }

  /** The queue the service consumes (consumeQueue). @default none */
  get queue(): IQueue | undefined {
    return this.consumedQueue;
  }

  private containerDefinitionsJson(): string {
    const { environmentName, name, region } = this.props;
    return JSON.stringify(
      containerDefinitions(this.containers, { logGroupName: serviceLogGroupName(environmentName, name), region, ecsExec: this.exec !== undefined }),
    );
  }

  private executionPolicyDocument(): string {
    const { environmentName, name, region, accountId } = this.props;
    return policyDocument(
      executionRoleStatements({
        images: this.containers.map((container) => container.image),
        logGroupArn: logGroupArn(region, accountId, serviceLogGroupName(environmentName, name)),
        secrets: this.containers.flatMap((container) => Object.values(container.secrets)),
        secretArns: this.referencedSecretArns,
        secretKmsKeyArns: [...(this.props.secretKmsKeyArns ?? []), ...this.addedSecretKmsKeyArns],
      }),
    );
  }

  private taskStatements() {
    return taskRoleStatements([...(this.props.taskRolePolicies ?? []), ...this.grantedPolicies], this.exec, {
      accountId: this.props.accountId,
      region: this.props.region,
    });
  }

  private createTaskPolicy(statements: ReturnType<typeof taskRoleStatements>): IamRolePolicy {
    return new IamRolePolicy(this, 'task-role-policy', {
      name: 'application',
      role: this.taskRole.id,
      policy: policyDocument(statements),
    });
  }

  private egressRule(
    id: string,
    description: string,
    port: number,
    target: { cidrIpv4: string } | { referencedSecurityGroupId: string },
  ): VpcSecurityGroupEgressRule {
    return new VpcSecurityGroupEgressRule(this, id, {
      securityGroupId: this.securityGroup.id,
      description,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      ...target,
    });
  }

  /** The listener rule's hosts, paths and priority; claims the priority on the listener. */
  private resolveRouting(alb: IHttpsLoadBalancer): ResolvedRouting {
    const routing = this.props.routing ?? {};
    const priority = routing.priority as number;
    const stack = TerraformStack.of(this);
    const byListener = claimedPriorities.get(stack) ?? new Map<string, Map<number, string>>();
    claimedPriorities.set(stack, byListener);
    const claimed = byListener.get(alb.httpsListenerArn) ?? new Map<number, string>();
    byListener.set(alb.httpsListenerArn, claimed);
    const rules = [...claimed].map(([taken, owner]) => ({ priority: taken, owner }));
    const problems = listenerRulePriorityProblems([...rules, { priority, owner: this.node.path }]);
    assertValidProps(
      this,
      problems.map((problem) => ({ ...problem, path: ['routing', 'priority'] })),
    );
    claimed.set(priority, this.node.path);
    return {
      hosts: routing.hosts ?? (alb.domainName ? [alb.domainName] : []),
      ...(routing.paths ? { paths: routing.paths } : {}),
      priority,
    };
  }
}

function isPolicyList(value: TaskRolePolicy | readonly TaskRolePolicy[]): value is readonly TaskRolePolicy[] {
  return Array.isArray(value);
}

function resolveContainerHealthCheck(check: ContainerHealthCheck | undefined): Required<ContainerHealthCheck> | undefined {
  return check && { ...SERVICE_DEFAULTS.containerHealthCheck, ...check };
}

/** The service's own container first, then its sidecars, every default applied. */
function resolveContainers(props: ServiceProps, stopTimeout: number): ResolvedContainer[] {
  const container = (options: ContainerOptions, fields: Omit<ResolvedContainer, keyof ContainerOptions | 'stopTimeout' | 'healthCheck'>): ResolvedContainer => ({
    ...fields,
    environment: options.environment ?? {},
    secrets: options.secrets ?? {},
    healthCheck: resolveContainerHealthCheck(options.containerHealthCheck),
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? SERVICE_DEFAULTS.readOnlyRootFilesystem,
    user: options.user ?? SERVICE_DEFAULTS.user,
    stopTimeout,
    ...(options.command ? { command: options.command } : {}),
  });
  return [
    container(props, {
      name: props.name,
      essential: true,
      image: props.image,
      ...(props.containerPort !== undefined ? { containerPort: props.containerPort } : {}),
    }),
    ...(props.sidecars ?? []).map((sidecar) =>
      container(sidecar, {
        name: sidecar.name,
        essential: sidecar.essential ?? false,
        image: sidecar.image,
        ...(sidecar.cpu !== undefined ? { cpu: sidecar.cpu } : {}),
        ...(sidecar.memory !== undefined ? { memory: sidecar.memory } : {}),
        ...(sidecar.containerPort !== undefined ? { containerPort: sidecar.containerPort } : {}),
      }),
    ),
  ];
}
