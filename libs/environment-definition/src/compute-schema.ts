/**
 * The compute fields of an environment definition (issue 5): what a service may say beyond its
 * size and image, and the environment-wide `compute` section. Checks that need the whole
 * environment (tier, other services, `compute.ec2`) are plain functions that
 * `environment-schema.ts` runs as refinements.
 */
import {
  capacityStrategyProblems,
  COMPUTE_LIMITS,
  containerHealthCheckCommandProblems,
  containerUserProblems,
  defaultCapacityStrategyProblems,
  deregistrationDelayProblems,
  ec2ArchitectureProblems,
  ec2BoundsProblems,
  healthCheckTimingProblems,
  iamActionProblems,
  instanceArchitecture,
  listenerRulePriorityProblems,
  listenerRuleValueProblems,
  loadBalancerProtectionProblems,
  logRetentionFloorProblems,
  readOnlyRootFilesystemProblems,
  runsOnEc2Capacity,
  SECRET_LOOKING_NAME,
  secretArnProblems,
  secretLookingVariableProblems,
  secretsInEnvironmentProblems,
  SERVICE_DEFAULTS,
  serviceCallProblems,
  serviceEc2CapacityProblems,
  serviceKindProblems,
  sidecarProblems,
  stopTimeoutProblems,
  wildcardResourceProblems,
} from '@ecs-platform/compute';
import type { PropProblem } from '@ecs-platform/construct-props';
import type { ComputeDefinition, EnvironmentDefinition, ImageReference, ServiceDefinition, ServiceKind, Tier } from './definition';
import { cidr, logRetentionDays } from './fields';
import {
  boolean,
  closest,
  dictionary,
  integer,
  list,
  object,
  oneOf,
  optional,
  type FieldPath,
  refine,
  type Refinement,
  type Report,
  type Schema,
  string,
} from './schema';

/**
 * The rules are libs/compute's checks (`@ecs-platform/compute`), the ones its constructors
 * run; here their problems are moved under the definition's field paths.
 */
function reportAll(report: Report, problems: readonly PropProblem[], prefix: FieldPath = []): void {
  for (const problem of problems) report([...prefix, ...problem.path], problem.message);
}

/** A text schema followed by one of compute's checks of that text. */
function checkedString(check: (text: string) => readonly PropProblem[], options: Parameters<typeof string>[0] = {}): Schema<string> {
  return {
    parse(value, path, report) {
      const text = string(options).parse(value, path, report);
      if (text === undefined) return undefined;
      const problems = check(text);
      reportAll(report, problems, path);
      return problems.length > 0 ? undefined : text;
    },
  };
}

const limits = COMPUTE_LIMITS;

/** A written reason for relaxing a safe default: long enough to say something. */
export const reason = string({ minLength: limits.reasonLength.min, maxLength: limits.reasonLength.max });

export const architecture = oneOf(['X86_64', 'ARM64'] as const);

export const capacityStrategy = object(
  {
    fargate: optional(integer(limits.capacityWeight)),
    fargateSpot: optional(integer(limits.capacityWeight)),
    ec2: optional(integer(limits.capacityWeight)),
  },
  [refine(['fargate', 'fargateSpot', 'ec2'], (strategy, report) => reportAll(report, capacityStrategyProblems(strategy)))],
);

const variableName = string({
  pattern: /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
  patternHint: 'must be an environment variable name (letters, digits and _, not starting with a digit)',
});

export { SECRET_LOOKING_NAME };

const environmentVariables: Schema<Record<string, string>> = {
  parse(value, path, report) {
    const parsed = dictionary(variableName, string({ maxLength: 4096 })).parse(value, path, report);
    if (parsed === undefined) return undefined;
    const problems = secretLookingVariableProblems(parsed);
    reportAll(report, problems, path);
    return problems.length > 0 ? undefined : parsed;
  },
};

export const secretArn: Schema<string> = checkedString(secretArnProblems);

const secrets = dictionary(variableName, secretArn);

const kmsKeyArn = string({
  pattern: /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/,
  patternHint: 'must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid>',
});

export const containerUser: Schema<string> = checkedString(containerUserProblems);

export const containerHealthCheck = object(
  {
    command: list(string({ minLength: 1 }), { minItems: 2 }),
    interval: optional(integer(limits.containerHealthCheck.interval)),
    timeout: optional(integer(limits.containerHealthCheck.timeout)),
    retries: optional(integer(limits.containerHealthCheck.retries)),
    startPeriod: optional(integer(limits.containerHealthCheck.startPeriod)),
  },
  [refine(['command'], ({ command }, report) => reportAll(report, containerHealthCheckCommandProblems(command)))],
);

export const targetHealthCheck = object(
  {
    matcher: optional(
      string({
        pattern: /^[1-5]\d\d(?:-[1-5]\d\d)?(?:,[1-5]\d\d(?:-[1-5]\d\d)?)*$/,
        patternHint: 'must be HTTP codes like "200", "200,204" or "200-399"',
      }),
    ),
    interval: optional(integer(limits.healthCheck.interval)),
    timeout: optional(integer(limits.healthCheck.timeout)),
    healthyThreshold: optional(integer(limits.healthCheck.healthyThreshold)),
    unhealthyThreshold: optional(integer(limits.healthCheck.unhealthyThreshold)),
    gracePeriod: optional(integer(limits.healthCheck.gracePeriod)),
  },
  [refine(['interval', 'timeout'], (check, report) => reportAll(report, healthCheckTimingProblems(check)))],
);

export const routing = object(
  {
    hosts: optional(
      list(
        string({
          pattern: /^(?=.{1,128}$)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
          patternHint: 'must be a lowercase host name like api.example.com (a leading "*." is allowed)',
        }),
        { minItems: 1 },
      ),
    ),
    paths: optional(
      list(
        string({
          pattern: /^\/[A-Za-z0-9_\-.$/~"'@:+?*&=%]{0,127}$/,
          patternHint: 'must be a path pattern starting with "/", like "/api/*" (at most 128 characters)',
        }),
        { minItems: 1 },
      ),
    ),
    priority: optional(integer(limits.listenerRulePriority)),
  },
  [refine(['hosts', 'paths'], (values, report) => reportAll(report, listenerRuleValueProblems(values)))],
);

const sid = string({ pattern: /^[A-Za-z0-9]{1,100}$/, patternHint: 'must be letters and digits only' });

/** An IAM action the application needs: a real one (the maintained AWS action dataset), never all of a service. */
const action: Schema<string> = checkedString(iamActionProblems);

const resource = string({
  pattern: /^(?:\*|arn:aws:[a-z0-9-]+:[a-z0-9-*]*:(?:\d{12}|\*)?:.+)$/,
  patternHint: 'must be an ARN (arn:aws:<service>:<region>:<account>:<resource>) or "*"',
});

export const taskRolePolicy = object(
  {
    sid,
    actions: list(action, { minItems: 1 }),
    resources: list(resource, { minItems: 1 }),
    reason: optional(reason),
  },
  [refine(['resources', 'reason'], (policy, report) => reportAll(report, wildcardResourceProblems(policy)))],
);

export const egressRule = object({
  port: integer(limits.port),
  cidr,
  description: string({
    pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/,
    patternHint: 'must be 1 to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*',
  }),
});

const command = list(string({ minLength: 1, maxLength: 4096 }), { minItems: 1 });

const containerName = string({
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$/,
  patternHint: 'must be letters, digits, hyphens and underscores',
});

/** A refinement over fields that several schemas share (services and sidecars). */
function rule<T>(needs: ReadonlyArray<keyof T & string>, check: (value: T, report: Report) => void): Refinement<T> {
  return { needs, check };
}

type ContainerFields = Partial<Pick<ServiceDefinition, 'readOnlyRootFilesystem' | 'readOnlyRootFilesystemReason' | 'environment' | 'secrets'>>;

const readOnlyRootRefinement = rule<ContainerFields>(['readOnlyRootFilesystem', 'readOnlyRootFilesystemReason'], (container, report) =>
  reportAll(report, readOnlyRootFilesystemProblems(container)),
);

/** An additional container; `image` is the schema of a pinned image reference. */
export function sidecarSchema(image: Schema<ImageReference>) {
  return object(
    {
      name: containerName,
      image,
      essential: optional(boolean()),
      cpu: optional(integer(limits.sidecarCpu)),
      memory: optional(integer(limits.sidecarMemory)),
      containerPort: optional(integer(limits.port)),
      environment: optional(environmentVariables),
      secrets: optional(secrets),
      containerHealthCheck: optional(containerHealthCheck),
      readOnlyRootFilesystem: optional(boolean()),
      readOnlyRootFilesystemReason: optional(reason),
      user: optional(containerUser),
      command: optional(command),
    },
    [readOnlyRootRefinement, secretsNotInEnvironment()],
  );
}

function secretsNotInEnvironment() {
  return rule<ContainerFields>(['environment', 'secrets'], (container, report) => reportAll(report, secretsInEnvironmentProblems(container)));
}

/** Fields appended to a service's schema; see `ServiceDefinition`. */
export function serviceComputeFields(image: Schema<ImageReference>) {
  return {
    kind: optional(oneOf(['web', 'backend', 'worker'] as const)),
    capacity: optional(capacityStrategy),
    architecture: optional(architecture),
    environment: optional(environmentVariables),
    secrets: optional(secrets),
    secretKmsKeyArns: optional(list(kmsKeyArn, { minItems: 1 })),
    healthCheck: optional(targetHealthCheck),
    containerHealthCheck: optional(containerHealthCheck),
    routing: optional(routing),
    stopTimeout: optional(integer(limits.stopTimeout)),
    deregistrationDelay: optional(integer(limits.deregistrationDelay)),
    readOnlyRootFilesystem: optional(boolean()),
    readOnlyRootFilesystemReason: optional(reason),
    user: optional(containerUser),
    command: optional(command),
    sidecars: optional(list(sidecarSchema(image), { minItems: limits.sidecars.min, maxItems: limits.sidecars.max })),
    taskRolePolicies: optional(list(taskRolePolicy, { minItems: 1 })),
    egress: optional(list(egressRule, { minItems: 1 })),
    calls: optional(list(string(), { minItems: 1 })),
  };
}

type ServiceFields = Partial<ServiceDefinition>;

/** Checks within one service; they run from the service's own schema. */
export const serviceComputeRefinements = [
  rule<ServiceFields>(['kind', 'containerPort', 'healthCheckPath', 'healthCheck', 'routing', 'deregistrationDelay', 'containerHealthCheck'], (svc, report) =>
    reportAll(report, serviceKindProblems({ ...svc, kind: svc.kind ?? SERVICE_DEFAULTS.kind })),
  ),
  rule<ServiceFields>(['capacity', 'stopTimeout'], ({ capacity, stopTimeout }, report) =>
    reportAll(report, stopTimeoutProblems({ stopTimeout, onEc2: runsOnEc2({ capacity }) })),
  ),
  rule<ServiceFields>(['stopTimeout', 'deregistrationDelay'], (svc, report) => reportAll(report, deregistrationDelayProblems(svc))),
  readOnlyRootRefinement,
  secretsNotInEnvironment(),
  rule<ServiceFields>(['name', 'containerPort', 'memory', 'sidecars'], ({ name = '', containerPort, memory, sidecars }, report) =>
    reportAll(report, sidecarProblems({ name, containerPort, memory, sidecars })),
  ),
];

/** Whether the service runs on the environment's EC2 capacity provider (a service's capacity, not the default's, which is Fargate only). */
export function runsOnEc2(svc: Pick<ServiceDefinition, 'capacity'>): boolean {
  return runsOnEc2Capacity(svc.capacity ?? {});
}

const loadBalancer = object({
  scheme: optional(oneOf(['internet-facing', 'internal'] as const)),
  ingressCidrs: optional(list(cidr, { minItems: 1 })),
  accessLogs: optional(boolean()),
  accessLogsReason: optional(reason),
  deletionProtection: optional(boolean()),
  deletionProtectionReason: optional(reason),
  accessLogRetentionDays: optional(integer(limits.accessLogRetentionDays)),
  idleTimeout: optional(integer(limits.idleTimeout)),
});

export { instanceArchitecture };

const ec2 = object(
  {
    instanceType: string({
      pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
      patternHint: 'must be an EC2 instance type like "m7g.large"',
    }),
    architecture: optional(architecture),
    minSize: integer(limits.ec2.minSize),
    maxSize: integer(limits.ec2.maxSize),
    desiredCapacity: optional(integer(limits.ec2.desiredCapacity)),
    rootVolumeSize: optional(integer(limits.ec2.rootVolumeSize)),
  },
  [
    refine(['instanceType', 'architecture'], (ec2Capacity, report) => reportAll(report, ec2ArchitectureProblems(ec2Capacity))),
    refine(['minSize', 'maxSize', 'desiredCapacity'], (ec2Capacity, report) => reportAll(report, ec2BoundsProblems(ec2Capacity))),
  ],
);

/** The schema of the environment's `compute` section. */
export const computeSchema: Schema<ComputeDefinition> = object(
  {
    capacity: optional(capacityStrategy),
    ec2: optional(ec2),
    ecsExec: optional(boolean()),
    containerInsights: optional(oneOf(['enabled', 'enhanced'] as const)),
    logRetentionDays: optional(logRetentionDays),
    loadBalancer: optional(loadBalancer),
  },
  [
    refine(['capacity'], ({ capacity }, report) => {
      // The strategy's own rules ran in its schema; only the default's Fargate-only rule is left.
      if (capacity?.ec2) reportAll(report, defaultCapacityStrategyProblems(capacity), ['capacity']);
    }),
  ],
);

/** What the environment-level compute checks read. */
export interface ComputeCheckInput {
  readonly tier: Tier;
  readonly services: readonly ServiceDefinition[];
  readonly compute?: ComputeDefinition;
}

/** Production keeps its safety presets unless a field says otherwise with a written reason (docs/design.md decision 6). */
export function checkProductionCompute({ tier, compute }: Omit<ComputeCheckInput, 'services'>, report: Report): void {
  reportAll(report, loadBalancerProtectionProblems({ tier, ...compute?.loadBalancer }), ['compute', 'loadBalancer']);
  // The period itself is checked by the field's schema; what is left is the tier's floor.
  const days = compute?.logRetentionDays;
  if (days !== undefined) reportAll(report, logRetentionFloorProblems(tier, days), ['compute', 'logRetentionDays']);
}

/** Services against the environment's capacity: EC2 services need `compute.ec2` of their architecture. */
export function checkServiceCapacity({ services, compute }: Omit<ComputeCheckInput, 'tier'>, report: Report): void {
  services.forEach((svc, i) => {
    reportAll(report, serviceEc2CapacityProblems({ capacity: svc.capacity ?? {}, architecture: svc.architecture }, compute?.ec2, 'compute.ec2'), [
      'services',
      i,
    ]);
  });
}

/**
 * Service Connect calls: each name in `calls` is another service of the environment that
 * serves a port, listed once (libs/compute's `serviceCallProblems`, the rule `connectTo` runs).
 */
export function checkServiceCalls({ services }: Pick<ComputeCheckInput, 'services'>, report: Report): void {
  const byName = new Map(services.map((svc) => [svc.name, svc]));
  services.forEach((svc, i) => {
    const seen = new Set<string>();
    (svc.calls ?? []).forEach((name, j) => {
      const path: FieldPath = ['services', i, 'calls', j];
      if (seen.has(name)) return report(path, `"${name}" is listed twice`);
      seen.add(name);
      const callee = byName.get(name);
      if (!callee) {
        const suggestion = closest(name, [...byName.keys()].filter((other) => other !== svc.name));
        return report(path, `"${name}" is not a service of this environment` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''));
      }
      reportAll(
        report,
        serviceCallProblems({ name: svc.name, kind: kindOf(svc) }, { name: callee.name, kind: kindOf(callee), containerPort: callee.containerPort }),
        path,
      );
    });
  });
}

function kindOf(svc: Pick<ServiceDefinition, 'kind'>): ServiceKind {
  return svc.kind ?? SERVICE_DEFAULTS.kind;
}

/** Whether the environment uses Service Connect: a backend service, or a service that calls another. */
export function usesServiceConnect({ services }: Pick<ComputeCheckInput, 'services'>): boolean {
  return services.some((svc) => svc.kind === 'backend' || (svc.calls ?? []).length > 0);
}

/**
 * The listener rule priority of a web service: its own `priority`, else one derived from its
 * position, with path rules ahead of host-only rules so that a catch-all never shadows them.
 */
export function listenerRulePriority(svc: Pick<ServiceDefinition, 'routing'>, index: number): number {
  if (svc.routing?.priority !== undefined) return svc.routing.priority;
  return (svc.routing?.paths ? 0 : 40000) + (index + 1) * 10;
}

/** Listener rule priorities are unique, so that the order of rules is never left to chance. */
export function checkRoutingPriorities({ services }: Pick<ComputeCheckInput, 'services'>, report: Report): void {
  const web = services.flatMap((svc, i) => ((svc.kind ?? SERVICE_DEFAULTS.kind) === 'web' ? [{ svc, i }] : []));
  const claims = web.map(({ svc, i }) => ({ priority: listenerRulePriority(svc, i), owner: `services[${i}]`, derived: svc.routing?.priority === undefined }));
  for (const problem of listenerRulePriorityProblems(claims)) {
    report(['services', web[problem.path[0] as number].i, 'routing', 'priority'], problem.message);
  }
}

/**
 * Every image an environment runs, services', sidecars' and jobs', with its field path. The registry
 * derives pull access and protected tags from these, so a sidecar's image is treated exactly
 * like its service's.
 */
export function containerImages(definition: Pick<EnvironmentDefinition, 'services' | 'jobs'>): Array<{ path: FieldPath; image: ImageReference }> {
  return [
    ...definition.services.flatMap((svc, i) => [
      { path: ['services', i, 'image'], image: svc.image },
      ...(svc.sidecars ?? []).map((sidecar, j) => ({ path: ['services', i, 'sidecars', j, 'image'], image: sidecar.image })),
    ]),
    // Scheduled jobs pull like services: their repositories must be declared and pullable.
    ...(definition.jobs ?? []).map((job, j) => ({ path: ['jobs', j, 'image'] as FieldPath, image: job.image })),
  ];
}
