/**
 * The rules that guard the compute constructs' props, as pure functions (no provider classes,
 * no Terraform): each returns every problem it finds, with a path relative to what it was
 * given. The constructors call them through `assertValidProps`; the environment-definition
 * loader calls the same functions and moves the paths under the definition's fields, so both
 * ways in give the same message (docs/design.md decision 9).
 *
 * Values that are Terraform tokens (an ARN of a resource created in the same stack) are not
 * known until apply; checks of their text skip them.
 */
import { parseCidr } from '@ecs-platform/cidr';
import { logRetentionProblem, type PropPath, type PropProblem, propProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { arnLocation } from '@ecs-platform/aws-names';
import { actionProblem } from '@ecs-platform/iam-policy';
import { COMPUTE_TIER_DEFAULTS, SERVICE_DEFAULTS } from './defaults';
import { COMPUTE_LIMITS, describeFargateMemory, EC2_TASK_CPU, FARGATE_MAX_STOP_TIMEOUT, FARGATE_MEMORY_BY_CPU, type Limits } from './facts';
import type {
  CapacityStrategy,
  ContainerHealthCheck,
  CpuArchitecture,
  Ec2CapacityOptions,
  EgressRule,
  Routing,
  ServiceKind,
  SidecarProps,
  TargetHealthCheck,
  TaskRolePolicy,
} from './types';

type Problems = PropProblem[];

/** Whether a string is (or holds) a Terraform token, whose value is known only at apply. */
export function isUnresolved(value: string): boolean {
  return value.includes('${');
}

// ---------------------------------------------------------------------------------------------
// Numbers and texts

/** `must be between 5 and 300 seconds, got 400`: the wording of the definition's schema. */
export function rangeProblems(path: PropPath, value: number | undefined, limits: Limits): Problems {
  if (value === undefined) return [];
  if (!Number.isInteger(value)) return [propProblem(path, `must be a whole number, got number ${value}`)];
  const { min, max } = limits;
  if ((min === undefined || value >= min) && (max === undefined || value <= max)) return [];
  const unit = limits.unit ? ` ${limits.unit}` : '';
  const bound =
    min !== undefined && max !== undefined ? `between ${min} and ${max}${unit}` : min !== undefined ? `at least ${min}${unit}` : `at most ${max}${unit}`;
  return [propProblem(path, `must be ${bound}, got ${value}`)];
}

/** A text that must match `pattern`: `"<value>" <hint>`, as the definition's schema words it. */
function patternProblems(path: PropPath, value: string | undefined, pattern: RegExp, hint: string): Problems {
  if (value === undefined || isUnresolved(value) || pattern.test(value)) return [];
  return [propProblem(path, `"${value}" ${hint}`)];
}

/** A written reason for relaxing a safe default: long enough to say something. */
export function reasonProblems(path: PropPath, reason: string | undefined): Problems {
  if (reason === undefined) return [];
  const { min, max } = COMPUTE_LIMITS.reasonLength;
  if (reason.length < min) return [propProblem(path, `must be at least ${min} characters long`)];
  if (reason.length > max) return [propProblem(path, `must be at most ${max} characters long`)];
  return [];
}

function listLengthProblems(path: PropPath, list: readonly unknown[] | undefined, limits: { min?: number; max?: number }): Problems {
  if (list === undefined) return [];
  if (limits.min !== undefined && list.length < limits.min) return [propProblem(path, `must list at least ${limits.min}, got ${list.length}`)];
  if (limits.max !== undefined && list.length > limits.max) return [propProblem(path, `must list at most ${limits.max}, got ${list.length}`)];
  return [];
}

/** Days a log group keeps events: a period CloudWatch Logs offers, and in production at least the tier's default. */
export function logRetentionProblems(tier: Tier, days: number | undefined): Problems {
  if (days === undefined) return [];
  const problem = logRetentionProblem(days);
  return problem ? [propProblem([], problem)] : logRetentionFloorProblems(tier, days);
}

/** Production keeps service and session logs at least as long as its default (a year). */
export function logRetentionFloorProblems(tier: Tier, days: number): Problems {
  const minimum = COMPUTE_TIER_DEFAULTS.production.logRetentionDays;
  if (tier === 'production' && days < minimum) {
    return [propProblem([], `production tier keeps service logs at least ${minimum} days; got ${days}`)];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// Capacity

/** A strategy names at least one provider with a weight, and never mixes Fargate with EC2. */
export function capacityStrategyProblems(strategy: CapacityStrategy): Problems {
  const problems: Problems = (['fargate', 'fargateSpot', 'ec2'] as const).flatMap((key) => rangeProblems([key], strategy[key], COMPUTE_LIMITS.capacityWeight));
  if (problems.length > 0) return problems;
  const { fargate = 0, fargateSpot = 0, ec2 = 0 } = strategy;
  if (fargate + fargateSpot + ec2 === 0) return [propProblem([], 'needs a weight above 0 for at least one of fargate, fargateSpot, ec2')];
  if (ec2 > 0 && fargate + fargateSpot > 0) {
    return [propProblem(['ec2'], 'cannot be mixed with fargate or fargateSpot: a capacity provider strategy uses either Fargate or EC2 providers')];
  }
  return [];
}

/** The default strategy of a cluster stays on Fargate; EC2 is chosen per service. */
export function defaultCapacityStrategyProblems(strategy: CapacityStrategy): Problems {
  const problems = capacityStrategyProblems(strategy);
  if (problems.length > 0) return problems;
  if (strategy.ec2) return [propProblem(['ec2'], 'the default strategy uses Fargate only; choose EC2 per service with capacity: {ec2: 1}')];
  return [];
}

/** Whether a strategy places tasks on EC2 capacity. */
export function runsOnEc2Capacity(strategy: CapacityStrategy): boolean {
  return (strategy.ec2 ?? 0) > 0;
}

/** Graviton instance families carry a "g" after the generation: m7g, c7gn, t4g, r8gd. */
export function instanceArchitecture(instanceType: string): CpuArchitecture {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? 'ARM64' : 'X86_64';
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

/** EC2 capacity: a real instance type of the architecture, and Auto Scaling bounds in order. */
export function ec2CapacityProblems(ec2: Ec2CapacityOptions): Problems {
  const limits = COMPUTE_LIMITS.ec2;
  const problems: Problems = [
    ...patternProblems(['instanceType'], ec2.instanceType, INSTANCE_TYPE, 'must be an EC2 instance type like "m7g.large"'),
    ...rangeProblems(['minSize'], ec2.minSize, limits.minSize),
    ...rangeProblems(['maxSize'], ec2.maxSize, limits.maxSize),
    ...rangeProblems(['desiredCapacity'], ec2.desiredCapacity, limits.desiredCapacity),
    ...rangeProblems(['rootVolumeSize'], ec2.rootVolumeSize, limits.rootVolumeSize),
  ];
  if (problems.length > 0) return problems;
  return [...ec2ArchitectureProblems(ec2), ...ec2BoundsProblems(ec2)];
}

/** The instance type's architecture is the capacity's `architecture`. */
export function ec2ArchitectureProblems({ instanceType, architecture }: Pick<Ec2CapacityOptions, 'instanceType' | 'architecture'>): Problems {
  const expected = architecture ?? SERVICE_DEFAULTS.architecture;
  const actual = instanceArchitecture(instanceType);
  if (actual === expected) return [];
  return [propProblem(['instanceType'], `"${instanceType}" is an ${actual} instance type but architecture is "${expected}"`)];
}

/** minSize <= desiredCapacity <= maxSize. */
export function ec2BoundsProblems({ minSize, maxSize, desiredCapacity }: Pick<Ec2CapacityOptions, 'minSize' | 'maxSize' | 'desiredCapacity'>): Problems {
  if (minSize > maxSize) return [propProblem(['minSize'], `${minSize} is greater than maxSize ${maxSize}`)];
  if (desiredCapacity !== undefined && (desiredCapacity < minSize || desiredCapacity > maxSize)) {
    return [propProblem(['desiredCapacity'], `${desiredCapacity} is outside [minSize, maxSize] = [${minSize}, ${maxSize}]`)];
  }
  return [];
}

/**
 * A service on EC2 needs the cluster's EC2 capacity, of its architecture. `ec2Field` names
 * where that capacity is declared (`compute.ec2` in a definition).
 */
export function serviceEc2CapacityProblems(
  service: { readonly capacity: CapacityStrategy; readonly architecture?: CpuArchitecture },
  clusterEc2: { readonly architecture?: CpuArchitecture } | undefined,
  ec2Field: string,
): Problems {
  if (!runsOnEc2Capacity(service.capacity)) return [];
  if (!clusterEc2) return [propProblem(['capacity', 'ec2'], `needs EC2 capacity in this environment: add ${ec2Field}`)];
  const wanted = service.architecture ?? SERVICE_DEFAULTS.architecture;
  const offered = clusterEc2.architecture ?? SERVICE_DEFAULTS.architecture;
  if (wanted === offered) return [];
  return [propProblem(['architecture'], `is "${wanted}" but the EC2 capacity (${ec2Field}) is "${offered}"`)];
}

// ---------------------------------------------------------------------------------------------
// Task size and timing

/** Fargate takes only its fixed cpu/memory pairs; an awsvpc task on EC2 takes 128 to 10240 CPU units. */
export function taskSizeProblems({ cpu, memory, onEc2 }: { readonly cpu: number; readonly memory: number; readonly onEc2: boolean }): Problems {
  const basic = [...rangeProblems(['cpu'], cpu, { min: 1 }), ...rangeProblems(['memory'], memory, { min: 1 })];
  if (basic.length > 0) return basic;
  if (onEc2) {
    if (cpu < EC2_TASK_CPU.min || cpu > EC2_TASK_CPU.max) {
      return [propProblem(['cpu'], `must be between ${EC2_TASK_CPU.min} and ${EC2_TASK_CPU.max} CPU units for a task on EC2, got ${cpu}`)];
    }
    return [];
  }
  const allowed = FARGATE_MEMORY_BY_CPU.get(cpu);
  if (!allowed) return [propProblem(['cpu'], `${cpu} is not a Fargate CPU value; use one of ${[...FARGATE_MEMORY_BY_CPU.keys()].join(', ')}`)];
  if (!allowed.includes(memory)) {
    return [propProblem(['memory'], `${memory} MiB is not offered by Fargate with ${cpu} CPU units; use ${describeFargateMemory(cpu)}`)];
  }
  return [];
}

/** Fargate stops a container at most 120 seconds after SIGTERM. */
export function stopTimeoutProblems({ stopTimeout, onEc2 }: { readonly stopTimeout?: number; readonly onEc2: boolean }): Problems {
  if (stopTimeout !== undefined && stopTimeout > FARGATE_MAX_STOP_TIMEOUT && !onEc2) {
    return [propProblem(['stopTimeout'], `must be at most ${FARGATE_MAX_STOP_TIMEOUT} seconds on Fargate, got ${stopTimeout}`)];
  }
  return [];
}

/** The load balancer stops draining a task before ECS kills it. */
export function deregistrationDelayProblems({ stopTimeout, deregistrationDelay }: { readonly stopTimeout?: number; readonly deregistrationDelay?: number }): Problems {
  const stop = stopTimeout ?? SERVICE_DEFAULTS.stopTimeout;
  if (deregistrationDelay !== undefined && deregistrationDelay > stop) {
    return [
      propProblem(
        ['deregistrationDelay'],
        `${deregistrationDelay} s is longer than the stop timeout (${stop} s): the task would be killed while the load balancer still drains it`,
      ),
    ];
  }
  return [];
}

/** Fields only a web service has. */
export const WEB_ONLY_FIELDS = ['containerPort', 'healthCheckPath', 'healthCheck', 'routing', 'deregistrationDelay', 'loadBalancer'] as const;

/** What `serviceKindProblems` reads; a field is "set" when it is not undefined. */
export interface ServiceKindInput {
  readonly kind: ServiceKind;
  readonly containerPort?: number;
  readonly healthCheckPath?: string;
  readonly healthCheck?: unknown;
  readonly routing?: unknown;
  readonly deregistrationDelay?: number;
  readonly loadBalancer?: unknown;
  readonly containerHealthCheck?: unknown;
}

/**
 * A web service has a port and a health check path; a backend service has a port but no load
 * balancer; a worker has neither. Backends and workers need a container health check.
 */
export function serviceKindProblems(svc: ServiceKindInput): Problems {
  if (svc.kind === 'web') {
    return [
      ...(svc.containerPort === undefined ? [propProblem(['containerPort'], 'is required for a web service (kind: web); a worker has none')] : []),
      ...(svc.healthCheckPath === undefined ? [propProblem(['healthCheckPath'], 'is required for a web service (kind: web); a worker has none')] : []),
    ];
  }
  if (svc.kind === 'backend') {
    return [
      ...(svc.containerPort === undefined
        ? [propProblem(['containerPort'], 'is required for a backend service (kind: backend): other services call it on this port through Service Connect')]
        : []),
      ...WEB_ONLY_FIELDS.filter((field) => field !== 'containerPort' && svc[field] !== undefined).map((field) =>
        propProblem([field], 'is only for web services: a backend service has no load balancer (other services reach it through Service Connect)'),
      ),
      ...(svc.containerHealthCheck
        ? []
        : [propProblem(['containerHealthCheck'], 'is required for a backend service: without a load balancer nothing else notices a hung task')]),
    ];
  }
  return [
    ...WEB_ONLY_FIELDS.filter((field) => svc[field] !== undefined).map((field) => propProblem([field], 'is only for web services: a worker has no load balancer')),
    ...(svc.containerHealthCheck
      ? []
      : [propProblem(['containerHealthCheck'], 'is required for a worker: without a load balancer nothing else notices a hung task')]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Health checks and routing

const MATCHER = /^[1-5]\d\d(?:-[1-5]\d\d)?(?:,[1-5]\d\d(?:-[1-5]\d\d)?)*$/;
const HEALTH_CHECK_PATH = /^\/[\w\-./~%!$&'()*+,;=:@?]*$/;

/** The health check's timeout is shorter than its interval (defaults included). */
export function healthCheckTimingProblems({ interval, timeout }: Pick<TargetHealthCheck, 'interval' | 'timeout'>): Problems {
  const effectiveInterval = interval ?? SERVICE_DEFAULTS.healthCheck.interval;
  const effectiveTimeout = timeout ?? SERVICE_DEFAULTS.healthCheck.timeout;
  if (effectiveTimeout < effectiveInterval) return [];
  return [propProblem([timeout !== undefined ? 'timeout' : 'interval'], `the timeout (${effectiveTimeout} s) must be shorter than the interval (${effectiveInterval} s)`)];
}

export function targetHealthCheckProblems(check: TargetHealthCheck): Problems {
  const limits = COMPUTE_LIMITS.healthCheck;
  const problems: Problems = [
    ...patternProblems(['matcher'], check.matcher, MATCHER, 'must be HTTP codes like "200", "200,204" or "200-399"'),
    ...rangeProblems(['interval'], check.interval, limits.interval),
    ...rangeProblems(['timeout'], check.timeout, limits.timeout),
    ...rangeProblems(['healthyThreshold'], check.healthyThreshold, limits.healthyThreshold),
    ...rangeProblems(['unhealthyThreshold'], check.unhealthyThreshold, limits.unhealthyThreshold),
    ...rangeProblems(['gracePeriod'], check.gracePeriod, limits.gracePeriod),
  ];
  return problems.some((problem) => problem.path[0] === 'interval' || problem.path[0] === 'timeout') ? problems : [...problems, ...healthCheckTimingProblems(check)];
}

export function healthCheckPathProblems(path: string | undefined): Problems {
  return patternProblems([], path, HEALTH_CHECK_PATH, 'must be a URL path starting with "/"');
}

/** Docker runs `CMD` (exec form) or `CMD-SHELL`. */
export function containerHealthCheckCommandProblems(command: readonly string[]): Problems {
  if (command.length < 2) return [propProblem(['command'], `must list at least 2, got ${command.length}`)];
  if (!['CMD', 'CMD-SHELL'].includes(command[0])) return [propProblem(['command', 0], `must be "CMD" or "CMD-SHELL", got "${command[0]}"`)];
  return [];
}

export function containerHealthCheckProblems(check: ContainerHealthCheck): Problems {
  const limits = COMPUTE_LIMITS.containerHealthCheck;
  return [
    ...containerHealthCheckCommandProblems(check.command),
    ...rangeProblems(['interval'], check.interval, limits.interval),
    ...rangeProblems(['timeout'], check.timeout, limits.timeout),
    ...rangeProblems(['retries'], check.retries, limits.retries),
    ...rangeProblems(['startPeriod'], check.startPeriod, limits.startPeriod),
  ];
}

const HOST = /^(?=.{1,128}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PATH_PATTERN = /^\/[A-Za-z0-9_\-.$/~"'@:+?*&=%]{0,127}$/;

/** A listener rule takes at most 5 host and path values together. */
export function listenerRuleValueProblems({ hosts = [], paths = [] }: Pick<Routing, 'hosts' | 'paths'>): Problems {
  const count = hosts.length + paths.length;
  if (count <= COMPUTE_LIMITS.listenerRuleValues.max) return [];
  return [propProblem([], `a listener rule takes at most ${COMPUTE_LIMITS.listenerRuleValues.max} host and path values together; got ${count}`)];
}

export function routingProblems(routing: Routing): Problems {
  return [
    ...listLengthProblems(['hosts'], routing.hosts, { min: 1 }),
    ...(routing.hosts ?? []).flatMap((host, i) =>
      patternProblems(['hosts', i], host, HOST, 'must be a lowercase host name like api.example.com (a leading "*." is allowed)'),
    ),
    ...listLengthProblems(['paths'], routing.paths, { min: 1 }),
    ...(routing.paths ?? []).flatMap((path, i) =>
      patternProblems(['paths', i], path, PATH_PATTERN, 'must be a path pattern starting with "/", like "/api/*" (at most 128 characters)'),
    ),
    ...rangeProblems(['priority'], routing.priority, COMPUTE_LIMITS.listenerRulePriority),
    ...listenerRuleValueProblems(routing),
  ];
}

/** One listener rule: its priority, who owns it (`services[0]`), and whether the priority was derived. */
export interface ListenerRuleClaim {
  readonly priority: number;
  readonly owner: string;
  /** The priority was derived (from a position), not given. @default false */
  readonly derived?: boolean;
}

/**
 * Priorities on one listener are unique, so that the order of rules is never left to chance.
 * Returns a problem at `[i]` for each rule whose priority an earlier one has.
 */
export function listenerRulePriorityProblems(rules: readonly ListenerRuleClaim[]): Problems {
  const owner = new Map<number, string>();
  return rules.flatMap((rule, i) => {
    const first = owner.get(rule.priority);
    if (first === undefined) {
      owner.set(rule.priority, rule.owner);
      return [];
    }
    const derived = rule.derived ? ' (derived from its position)' : '';
    return [propProblem([i], `${rule.priority}${derived} is already the listener rule priority of ${first}; give a unique "priority"`)];
  });
}

// ---------------------------------------------------------------------------------------------
// Containers

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;

/** Names that usually hold secrets; their values belong in `secrets`, never in plain environment variables (docs/design.md decision 8). */
export const SECRET_LOOKING_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|ACCESS_?KEY|API_?KEY|(?:^|_)KEY(?:$|_)/i;

export function variableNameProblems(name: string): Problems {
  return patternProblems([], name, VARIABLE_NAME, 'must be an environment variable name (letters, digits and _, not starting with a digit)');
}

/** Plain environment variables whose names look like secrets, by name. */
export function secretLookingVariableProblems(environment: Readonly<Record<string, string>>): Problems {
  return Object.keys(environment)
    .filter((name) => SECRET_LOOKING_NAME.test(name))
    .map((name) =>
      propProblem([name], 'looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable'),
    );
}

export function environmentProblems(environment: Readonly<Record<string, string>>): Problems {
  const names = Object.entries(environment).flatMap(([name, value]) => [
    ...underPath([name], variableNameProblems(name)),
    ...(value.length > 4096 ? [propProblem([name], 'must be at most 4096 characters long')] : []),
  ]);
  return names.length > 0 ? names : secretLookingVariableProblems(environment);
}

/** The execution role's policy names each repository and secret, which a token does not reveal before apply. */
const LITERAL_FOR_POLICY = 'must be a literal value, not a Terraform reference: the execution role may read exactly what its policy names';

const SECRETS_MANAGER_ARN = /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$/;
const SSM_PARAMETER_ARN = /^arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+$/;

/** A secret is a Secrets Manager secret or an SSM parameter, by ARN. */
export function secretArnProblems(arn: string): Problems {
  if (isUnresolved(arn)) return [propProblem([], LITERAL_FOR_POLICY)];
  if (SECRETS_MANAGER_ARN.test(arn) || SSM_PARAMETER_ARN.test(arn)) return [];
  return [
    propProblem(
      [],
      `"${arn}" must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)`,
    ),
  ];
}

const KMS_KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/;

export function kmsKeyArnProblems(arn: string): Problems {
  return patternProblems([], arn, KMS_KEY_ARN, 'must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid>');
}

/**
 * Secrets and their keys belong to the account that runs the tasks: ARNs copied from another
 * environment would make its tasks read (or fail to read) another environment's secrets.
 */
export function secretAccountProblems(accountId: string, arn: string, what: 'the secret' | 'the key'): Problems {
  const owner = arnLocation(arn)?.accountId;
  if (!owner || owner === accountId) return [];
  return [propProblem([], `${what} belongs to account ${owner}, not to this environment's account ${accountId} (copied from another environment?)`)];
}

/** A variable is a setting or a secret, never both. */
export function secretsInEnvironmentProblems({ environment = {}, secrets = {} }: Pick<SidecarProps, 'environment' | 'secrets'>): Problems {
  return Object.keys(secrets)
    .filter((name) => name in environment)
    .map((name) => propProblem(['environment', name], 'is also a secret; give it once, in "secrets"'));
}

/** A writable root filesystem is a relaxation with a written reason. */
export function readOnlyRootFilesystemProblems({
  readOnlyRootFilesystem,
  readOnlyRootFilesystemReason,
}: Pick<SidecarProps, 'readOnlyRootFilesystem' | 'readOnlyRootFilesystemReason'>): Problems {
  if (readOnlyRootFilesystem === false && !readOnlyRootFilesystemReason) {
    return [propProblem(['readOnlyRootFilesystem'], 'a writable root filesystem needs "readOnlyRootFilesystemReason" (a writable /tmp is always mounted)')];
  }
  if (readOnlyRootFilesystem !== false && readOnlyRootFilesystemReason) {
    return [propProblem(['readOnlyRootFilesystemReason'], 'is only allowed with readOnlyRootFilesystem: false')];
  }
  return [];
}

const USER = /^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10})(?::(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10}))?$/;

/** A user name or UID (optionally with a group), never root. */
export function containerUserProblems(user: string): Problems {
  const malformed = patternProblems([], user, USER, 'must be a user name or UID, optionally with ":group", like "1000" or "app:app"');
  if (malformed.length > 0) return malformed;
  if (/^(?:root|0)$/.test(user.split(':')[0])) {
    return [propProblem([], `"${user}" runs the container as root; use a non-root user such as "${SERVICE_DEFAULTS.user}"`)];
  }
  return [];
}

const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$/;

export function containerNameProblems(name: string): Problems {
  return patternProblems([], name, CONTAINER_NAME, 'must be letters, digits, hyphens and underscores');
}

export function commandProblems(command: readonly string[] | undefined): Problems {
  if (command === undefined) return [];
  return [
    ...listLengthProblems([], command, { min: 1 }),
    ...command.flatMap((part, i) => (part.length === 0 ? [propProblem([i], 'must be at least 1 characters long')] : [])),
  ];
}

const ECR_IMAGE = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9._/-]+(?::[\w.-]+|@sha256:[a-f0-9]{64})$/;

/** An image is an ECR image pinned by immutable tag or digest (docs/design.md decision 5); never `latest`. */
export function imageUriProblems(image: string): Problems {
  if (isUnresolved(image)) return [propProblem([], LITERAL_FOR_POLICY)];
  if (!ECR_IMAGE.test(image)) return [propProblem([], `"${image}" must be an ECR image URI pinned by tag or digest (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>)`)];
  if (/:latest$/i.test(image)) return [propProblem([], '"latest" is not a pin: it moves with every push; use an immutable release tag or a digest')];
  return [];
}

/** What one container (the service's own or a sidecar) must satisfy on its own. */
export function containerProblems(container: SidecarProps & { readonly secretAccountId?: string }): Problems {
  return [
    ...underPath(['image'], imageUriProblems(container.image)),
    ...underPath(['command'], commandProblems(container.command)),
    ...underPath(['environment'], environmentProblems(container.environment ?? {})),
    ...Object.entries(container.secrets ?? {}).flatMap(([name, arn]) => [
      ...underPath(['secrets', name], variableNameProblems(name)),
      ...underPath(['secrets', name], secretArnProblems(arn)),
      ...(container.secretAccountId ? underPath(['secrets', name], secretAccountProblems(container.secretAccountId, arn, 'the secret')) : []),
    ]),
    ...secretsInEnvironmentProblems(container),
    ...(container.containerHealthCheck ? underPath(['containerHealthCheck'], containerHealthCheckProblems(container.containerHealthCheck)) : []),
    ...readOnlyRootFilesystemProblems(container),
    ...reasonProblems(['readOnlyRootFilesystemReason'], container.readOnlyRootFilesystemReason),
    ...(container.user !== undefined ? underPath(['user'], containerUserProblems(container.user)) : []),
    ...rangeProblems(['containerPort'], container.containerPort, COMPUTE_LIMITS.port),
  ];
}

/** Sidecars against their service: unique names, their own ports, memory left for the service's container. */
export function sidecarProblems({
  name,
  containerPort,
  memory,
  sidecars = [],
}: {
  readonly name: string;
  readonly containerPort?: number;
  readonly memory?: number;
  readonly sidecars?: readonly Pick<SidecarProps, 'name' | 'containerPort' | 'memory'>[];
}): Problems {
  const problems: Problems = [];
  const seen = new Map<string, number>();
  let reserved = 0;
  sidecars.forEach((sidecar, i) => {
    if (sidecar.name === name) problems.push(propProblem(['sidecars', i, 'name'], `"${sidecar.name}" is the name of the service's own container`));
    const first = seen.get(sidecar.name);
    if (first !== undefined) problems.push(propProblem(['sidecars', i, 'name'], `"${sidecar.name}" is already the name of sidecars[${first}]`));
    else seen.set(sidecar.name, i);
    if (sidecar.containerPort !== undefined && sidecar.containerPort === containerPort) {
      problems.push(propProblem(['sidecars', i, 'containerPort'], `${sidecar.containerPort} is already the service's containerPort`));
    }
    reserved += sidecar.memory ?? 0;
  });
  if (memory !== undefined && reserved >= memory) {
    problems.push(propProblem(['sidecars'], `reserve ${reserved} MiB, which leaves nothing of the task's ${memory} MiB for the service's container`));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Permissions and network

const SID = /^[A-Za-z0-9]{1,100}$/;
const ACTION = /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESOURCE = /^(?:\*|arn:aws:[a-z0-9-]+:[a-z0-9-*]*:(?:\d{12}|\*)?:.+)$/;

/** An action the application needs: a real one (the maintained AWS action dataset), never all of a service. */
export function iamActionProblems(action: string): Problems {
  const malformed = patternProblems([], action, ACTION, 'must be an IAM action like "s3:GetObject"');
  if (malformed.length > 0) return malformed;
  if (action === '*' || action.endsWith(':*')) return [propProblem([], `"${action}" grants every action; list the actions the application needs`)];
  const problem = actionProblem(action);
  return problem ? [propProblem([], problem)] : [];
}

/** A wildcard resource needs a written reason. */
export function wildcardResourceProblems({ resources, reason }: Pick<TaskRolePolicy, 'resources' | 'reason'>): Problems {
  if (reason) return [];
  return resources.flatMap((arn, i) =>
    arn.includes('*') && !isUnresolved(arn) ? [propProblem(['resources', i], `"${arn}" is a wildcard; add a "reason" saying why the application needs it`)] : [],
  );
}

export function taskRolePolicyProblems(policy: TaskRolePolicy): Problems {
  return [
    ...patternProblems(['sid'], policy.sid, SID, 'must be letters and digits only'),
    ...listLengthProblems(['actions'], policy.actions, { min: 1 }),
    ...policy.actions.flatMap((action, i) => underPath(['actions', i], iamActionProblems(action))),
    ...listLengthProblems(['resources'], policy.resources, { min: 1 }),
    ...policy.resources.flatMap((arn, i) =>
      patternProblems(['resources', i], arn, RESOURCE, 'must be an ARN (arn:aws:<service>:<region>:<account>:<resource>) or "*"'),
    ),
    ...reasonProblems(['reason'], policy.reason),
    ...wildcardResourceProblems(policy),
  ];
}

/** Statement ids are unique in one policy document. */
export function statementIdProblems(policies: readonly Pick<TaskRolePolicy, 'sid'>[]): Problems {
  const seen = new Set<string>();
  return policies.flatMap((policy, i) => {
    if (!seen.has(policy.sid)) {
      seen.add(policy.sid);
      return [];
    }
    return [propProblem([i, 'sid'], `"${policy.sid}" is already the id of another statement of the task role's policy`)];
  });
}

export function cidrProblems(cidr: string): Problems {
  if (isUnresolved(cidr)) return [];
  const parsed = parseCidr(cidr);
  return typeof parsed === 'string' ? [propProblem([], parsed)] : [];
}

const DESCRIPTION = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;

/** A security group rule's description: what EC2 accepts. */
export function ruleDescriptionProblems(description: string): Problems {
  return patternProblems([], description, DESCRIPTION, 'must be 1 to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*');
}

export function egressRuleProblems(rule: EgressRule): Problems {
  return [
    ...rangeProblems(['port'], rule.port, COMPUTE_LIMITS.port),
    ...underPath(['cidr'], cidrProblems(rule.cidr)),
    ...underPath(['description'], ruleDescriptionProblems(rule.description)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Deployments and production

/** Rolling deployment bounds; production never goes below full capacity (docs/design.md decision 6). */
/** One end of a Service Connect call: what `serviceCallProblems` reads of a service. */
export interface ServiceConnectPeer {
  readonly name: string;
  readonly kind: ServiceKind;
  /** @default none: the service serves no port */
  readonly containerPort?: number;
}

/** Service Connect discovery names and client aliases: the service's name must fit them (Cloud Map's rule). */
const DISCOVERY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Whether `caller` may call `callee` through Service Connect: another service, one that serves
 * a port (a web or backend service), with a name Cloud Map takes as a discovery name.
 */
export function serviceCallProblems(caller: ServiceConnectPeer, callee: ServiceConnectPeer): Problems {
  if (caller.name === callee.name) return [propProblem([], 'a service cannot call itself: it reaches its own port on localhost')];
  if (callee.containerPort === undefined) {
    return [propProblem([], `"${callee.name}" has no container port to call: only a web or backend service serves through Service Connect`)];
  }
  return discoveryNameProblems(callee.name);
}

/** A service that serves through Service Connect is found by its name: Cloud Map's rule for discovery names. */
export function discoveryNameProblems(name: string): Problems {
  if (isUnresolved(name) || DISCOVERY_NAME.test(name)) return [];
  return [propProblem([], `"${name}" cannot be a Service Connect discovery name: at most 64 letters, digits, hyphens and underscores, starting with a letter or digit`)];
}

/**
 * AZ rebalancing starts a task in the zone with the fewest before it stops one in the zone with
 * the most, so it needs room above the desired count (ECS refuses it at a maximum of 100 %).
 */
export function availabilityZoneRebalancingProblems({
  tier,
  availabilityZoneRebalancing,
  maximumPercent,
}: {
  readonly tier: Tier;
  readonly availabilityZoneRebalancing?: boolean;
  readonly maximumPercent?: number;
}): Problems {
  const high = maximumPercent ?? COMPUTE_TIER_DEFAULTS[tier].maximumPercent;
  if (availabilityZoneRebalancing !== true || high > 100) return [];
  return [
    propProblem(
      ['availabilityZoneRebalancing'],
      `needs maximumPercent above 100, got ${high}: ECS starts a task in the emptier zone before it stops one in the fuller`,
    ),
  ];
}

export function deploymentProblems({
  tier,
  minimumHealthyPercent,
  maximumPercent,
}: {
  readonly tier: Tier;
  readonly minimumHealthyPercent?: number;
  readonly maximumPercent?: number;
}): Problems {
  const problems: Problems = [
    ...rangeProblems(['minimumHealthyPercent'], minimumHealthyPercent, COMPUTE_LIMITS.minimumHealthyPercent),
    ...rangeProblems(['maximumPercent'], maximumPercent, COMPUTE_LIMITS.maximumPercent),
  ];
  if (problems.length > 0) return problems;
  const minimum = COMPUTE_TIER_DEFAULTS.production.minimumHealthyPercent;
  if (tier === 'production' && minimumHealthyPercent !== undefined && minimumHealthyPercent < minimum) {
    problems.push(propProblem(['minimumHealthyPercent'], `the production tier deploys without losing capacity: at least ${minimum}, got ${minimumHealthyPercent}`));
  }
  const low = minimumHealthyPercent ?? COMPUTE_TIER_DEFAULTS[tier].minimumHealthyPercent;
  const high = maximumPercent ?? COMPUTE_TIER_DEFAULTS[tier].maximumPercent;
  if (high <= low && low === 100) {
    problems.push(propProblem(['maximumPercent'], `must be above 100 when minimumHealthyPercent is 100: otherwise no deployment can start a new task`));
  }
  return problems;
}

export interface LoadBalancerProtectionInput {
  readonly tier: Tier;
  readonly deletionProtection?: boolean;
  readonly deletionProtectionReason?: string;
  readonly accessLogs?: boolean;
  readonly accessLogsReason?: string;
}

/** Production keeps deletion protection and access logs unless a written reason says otherwise (docs/design.md decision 6). */
export function loadBalancerProtectionProblems(lb: LoadBalancerProtectionInput): Problems {
  const problems: Problems = [];
  if (lb.deletionProtectionReason && lb.deletionProtection !== false) {
    problems.push(propProblem(['deletionProtectionReason'], 'is only allowed with deletionProtection: false'));
  }
  if (lb.accessLogsReason && lb.accessLogs !== false) {
    problems.push(propProblem(['accessLogsReason'], 'is only allowed with accessLogs: false'));
  }
  if (lb.tier !== 'production') return problems;
  if (lb.deletionProtection === false && !lb.deletionProtectionReason) {
    problems.push(propProblem(['deletionProtection'], 'the production tier keeps deletion protection on; turning it off needs "deletionProtectionReason"'));
  }
  if (lb.accessLogs === false && !lb.accessLogsReason) {
    problems.push(propProblem(['accessLogs'], 'the production tier keeps access logs; turning them off needs "accessLogsReason"'));
  }
  return problems;
}

/**
 * The load balancer serves HTTPS only, so it needs a certificate: an existing one of its own
 * account and region, or a hosted zone to validate a requested one.
 */
export function certificateProblems({
  certificateArn,
  hostedZoneId,
  accountId,
  region,
}: {
  readonly certificateArn?: string;
  readonly hostedZoneId?: string;
  readonly accountId: string;
  readonly region: string;
}): Problems {
  const problems: Problems = [];
  if (!certificateArn && !hostedZoneId) {
    problems.push(propProblem([], 'needs "certificateArn" or "hostedZoneId" (to request a DNS-validated certificate): the load balancer only serves HTTPS'));
  }
  if (certificateArn && !isUnresolved(certificateArn) && !certificateArn.startsWith(`arn:aws:acm:${region}:${accountId}:`)) {
    problems.push(
      propProblem(
        ['certificateArn'],
        `must be in this environment's account ${accountId} and region ${region}: a load balancer can only use a certificate of its own region`,
      ),
    );
  }
  return problems;
}

/** TLS policies that allow nothing older than TLS 1.2. */
const TLS12_OR_LATER_POLICY = /^ELBSecurityPolicy-(?:TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

export function sslPolicyProblems(policy: string): Problems {
  return patternProblems([], policy, TLS12_OR_LATER_POLICY, 'must be an ELB security policy that allows TLS 1.2 or later only, like "ELBSecurityPolicy-TLS13-1-2-2021-06"');
}
