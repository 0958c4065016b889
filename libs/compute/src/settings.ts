import {
  type CapacityStrategy,
  COMPUTE_PRESETS,
  type ContainerHealthCheck,
  type CpuArchitecture,
  type EgressRule,
  type EnvironmentDefinition,
  listenerRulePriority,
  runsOnEc2,
  SERVICE_DEFAULTS,
  type ServiceDefinition,
  type SidecarDefinition,
  type TaskRolePolicy,
} from '@ecs-platform/environment-definition';

/** What the compute layer reads from an environment definition. */
export type ComputeSource = Pick<
  EnvironmentDefinition,
  'name' | 'tier' | 'accountId' | 'region' | 'dns' | 'services' | 'compute'
> & { readonly network: Pick<EnvironmentDefinition['network'], 'vpcCidr'> };

/** One capacity provider and its weight, as ECS takes it. */
export interface CapacityProviderWeight {
  readonly capacityProvider: string;
  readonly weight: number;
}

/** The container health check with every default applied. */
export type ResolvedContainerHealthCheck = Required<ContainerHealthCheck>;

/** One container of a task, every default applied. */
export interface ResolvedContainer {
  readonly name: string;
  readonly essential: boolean;
  readonly imageReference: ServiceDefinition['image'];
  readonly cpu?: number;
  readonly memory?: number;
  readonly containerPort?: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly healthCheck?: ResolvedContainerHealthCheck;
  readonly readOnlyRootFilesystem: boolean;
  readonly user: string;
  readonly stopTimeout: number;
  readonly command?: readonly string[];
}

export interface ResolvedLoadBalancing {
  readonly containerPort: number;
  readonly healthCheckPath: string;
  readonly matcher: string;
  readonly interval: number;
  readonly timeout: number;
  readonly healthyThreshold: number;
  readonly unhealthyThreshold: number;
  readonly gracePeriod: number;
  readonly deregistrationDelay: number;
  readonly hosts: readonly string[];
  readonly paths?: readonly string[];
  readonly priority: number;
}

/** A service with every default applied: what the constructs build from. */
export interface ResolvedService {
  readonly name: string;
  readonly kind: 'web' | 'worker';
  readonly cpu: number;
  readonly memory: number;
  readonly launchType: 'FARGATE' | 'EC2';
  readonly architecture: CpuArchitecture;
  readonly capacity: readonly CapacityProviderWeight[];
  readonly desiredCount: number;
  readonly autoScaled: boolean;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** The service's own container first, then its sidecars. */
  readonly containers: readonly ResolvedContainer[];
  readonly loadBalancing?: ResolvedLoadBalancing;
  readonly secretKmsKeyArns: readonly string[];
  readonly taskRolePolicies: readonly TaskRolePolicy[];
  readonly egress: readonly EgressRule[];
}

/** Name of the EC2 capacity provider; ECS refuses names starting with aws, ecs or fargate. */
export function ec2CapacityProviderName(env: string): string {
  return /^(aws|ecs|fargate)/.test(env) ? `cp-${env}-ec2` : `${env}-ec2`;
}

/** A strategy from the definition as ECS capacity provider weights, in a fixed order. */
export function capacityWeights(strategy: CapacityStrategy, env: string): CapacityProviderWeight[] {
  const weights: CapacityProviderWeight[] = [];
  if (strategy.fargate) weights.push({ capacityProvider: 'FARGATE', weight: strategy.fargate });
  if (strategy.fargateSpot) weights.push({ capacityProvider: 'FARGATE_SPOT', weight: strategy.fargateSpot });
  if (strategy.ec2) weights.push({ capacityProvider: ec2CapacityProviderName(env), weight: strategy.ec2 });
  return weights;
}

function resolveContainerHealthCheck(check: ContainerHealthCheck | undefined): ResolvedContainerHealthCheck | undefined {
  return check && { ...SERVICE_DEFAULTS.containerHealthCheck, ...check };
}

function resolveSidecar(sidecar: SidecarDefinition, stopTimeout: number): ResolvedContainer {
  return {
    name: sidecar.name,
    essential: sidecar.essential ?? false,
    imageReference: sidecar.image,
    ...(sidecar.cpu !== undefined ? { cpu: sidecar.cpu } : {}),
    ...(sidecar.memory !== undefined ? { memory: sidecar.memory } : {}),
    ...(sidecar.containerPort !== undefined ? { containerPort: sidecar.containerPort } : {}),
    environment: sidecar.environment ?? {},
    secrets: sidecar.secrets ?? {},
    healthCheck: resolveContainerHealthCheck(sidecar.containerHealthCheck),
    readOnlyRootFilesystem: sidecar.readOnlyRootFilesystem ?? SERVICE_DEFAULTS.readOnlyRootFilesystem,
    user: sidecar.user ?? SERVICE_DEFAULTS.user,
    stopTimeout,
    ...(sidecar.command ? { command: sidecar.command } : {}),
  };
}

/** Applies every default and tier preset to one service (the definition is already valid). */
export function resolveService(definition: ComputeSource, svc: ServiceDefinition, index: number): ResolvedService {
  const presets = COMPUTE_PRESETS[definition.tier];
  const kind = svc.kind ?? SERVICE_DEFAULTS.kind;
  const stopTimeout = svc.stopTimeout ?? SERVICE_DEFAULTS.stopTimeout;
  const strategy = svc.capacity ?? definition.compute?.capacity ?? SERVICE_DEFAULTS.capacity;
  const scaling = svc.scaling;
  // Application Auto Scaling owns the task count once a policy or a schedule moves it (docs/design.md decision 5).
  const autoScaled =
    scaling !== undefined &&
    ((scaling.cpuTarget ?? scaling.memoryTarget ?? scaling.requestsPerTarget) !== undefined || (scaling.schedules ?? []).length > 0);
  const main: ResolvedContainer = {
    name: svc.name,
    essential: true,
    imageReference: svc.image,
    ...(svc.containerPort !== undefined ? { containerPort: svc.containerPort } : {}),
    environment: svc.environment ?? {},
    secrets: svc.secrets ?? {},
    healthCheck: resolveContainerHealthCheck(svc.containerHealthCheck),
    readOnlyRootFilesystem: svc.readOnlyRootFilesystem ?? SERVICE_DEFAULTS.readOnlyRootFilesystem,
    user: svc.user ?? SERVICE_DEFAULTS.user,
    stopTimeout,
    ...(svc.command ? { command: svc.command } : {}),
  };
  let loadBalancing: ResolvedLoadBalancing | undefined;
  if (kind === 'web') {
    if (svc.containerPort === undefined || svc.healthCheckPath === undefined) {
      throw new Error(`web service "${svc.name}" needs containerPort and healthCheckPath`);
    }
    const check = { ...SERVICE_DEFAULTS.healthCheck, ...svc.healthCheck };
    loadBalancing = {
      containerPort: svc.containerPort,
      healthCheckPath: svc.healthCheckPath,
      matcher: check.matcher,
      interval: check.interval,
      timeout: check.timeout,
      healthyThreshold: check.healthyThreshold,
      unhealthyThreshold: check.unhealthyThreshold,
      gracePeriod: check.gracePeriod,
      deregistrationDelay: svc.deregistrationDelay ?? Math.min(SERVICE_DEFAULTS.deregistrationDelay, stopTimeout),
      hosts: svc.routing?.hosts ?? [definition.dns.domainName],
      ...(svc.routing?.paths ? { paths: svc.routing.paths } : {}),
      priority: listenerRulePriority(svc, index),
    };
  }
  return {
    name: svc.name,
    kind,
    cpu: svc.cpu,
    memory: svc.memory,
    launchType: runsOnEc2({ capacity: strategy }) ? 'EC2' : 'FARGATE',
    architecture: svc.architecture ?? SERVICE_DEFAULTS.architecture,
    capacity: capacityWeights(strategy, definition.name),
    desiredCount: svc.desiredCount,
    autoScaled,
    minimumHealthyPercent: presets.minimumHealthyPercent,
    maximumPercent: presets.maximumPercent,
    containers: [main, ...(svc.sidecars ?? []).map((sidecar) => resolveSidecar(sidecar, stopTimeout))],
    loadBalancing,
    secretKmsKeyArns: svc.secretKmsKeyArns ?? [],
    taskRolePolicies: svc.taskRolePolicies ?? [],
    egress: svc.egress ?? [],
  };
}

/** Environment-wide settings with every default and tier preset applied. */
export interface ResolvedCompute {
  readonly capacity: readonly CapacityProviderWeight[];
  readonly ecsExec: boolean;
  readonly containerInsights: 'enabled' | 'enhanced';
  readonly logRetentionDays: number;
  readonly ec2?: NonNullable<NonNullable<EnvironmentDefinition['compute']>['ec2']>;
  readonly loadBalancer: {
    readonly internal: boolean;
    readonly ingressCidrs: readonly string[];
    readonly accessLogs: boolean;
    readonly accessLogRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly idleTimeout: number;
  };
}

export function resolveCompute(definition: ComputeSource): ResolvedCompute {
  const presets = COMPUTE_PRESETS[definition.tier];
  const compute = definition.compute ?? {};
  const lb = compute.loadBalancer ?? {};
  const internal = lb.scheme === 'internal';
  return {
    capacity: capacityWeights(compute.capacity ?? SERVICE_DEFAULTS.capacity, definition.name),
    ecsExec: compute.ecsExec ?? false,
    containerInsights: compute.containerInsights ?? SERVICE_DEFAULTS.containerInsights,
    logRetentionDays: compute.logRetentionDays ?? presets.logRetentionDays,
    ...(compute.ec2 ? { ec2: compute.ec2 } : {}),
    loadBalancer: {
      internal,
      ingressCidrs: lb.ingressCidrs ?? [internal ? definition.network.vpcCidr : '0.0.0.0/0'],
      accessLogs: lb.accessLogs ?? presets.accessLogs,
      accessLogRetentionDays: lb.accessLogRetentionDays ?? presets.accessLogRetentionDays,
      deletionProtection: lb.deletionProtection ?? presets.deletionProtection,
      idleTimeout: lb.idleTimeout ?? SERVICE_DEFAULTS.idleTimeout,
    },
  };
}
