/**
 * The compute fields of an environment definition (issue 5): what a service may say beyond its
 * size and image, and the environment-wide `compute` section. Checks that need the whole
 * environment (tier, other services, `compute.ec2`) are plain functions that
 * `environment-schema.ts` runs as refinements.
 */
import type {
  ComputeDefinition,
  CpuArchitecture,
  EnvironmentDefinition,
  ImageReference,
  ServiceDefinition,
  Tier,
} from './definition';
import { actionProblem } from '@ecs-platform/iam-policy';
import { cidr, logRetentionDays } from './fields';
import { COMPUTE_PRESETS, FARGATE_MAX_STOP_TIMEOUT, SERVICE_DEFAULTS } from './presets';
import {
  boolean,
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

/** A written reason for relaxing a safe default: long enough to say something. */
export const reason = string({ minLength: 10, maxLength: 500 });

export const architecture = oneOf(['X86_64', 'ARM64'] as const);

export const capacityStrategy = object(
  {
    fargate: optional(integer({ min: 0, max: 1000 })),
    fargateSpot: optional(integer({ min: 0, max: 1000 })),
    ec2: optional(integer({ min: 0, max: 1000 })),
  },
  [
    refine(['fargate', 'fargateSpot', 'ec2'], ({ fargate = 0, fargateSpot = 0, ec2 = 0 }, report) => {
      if (fargate + fargateSpot + ec2 === 0) {
        report([], 'needs a weight above 0 for at least one of fargate, fargateSpot, ec2');
      } else if (ec2 > 0 && fargate + fargateSpot > 0) {
        report(['ec2'], 'cannot be mixed with fargate or fargateSpot: a capacity provider strategy uses either Fargate or EC2 providers');
      }
    }),
  ],
);

const variableName = string({
  pattern: /^[A-Za-z_][A-Za-z0-9_]{0,254}$/,
  patternHint: 'must be an environment variable name (letters, digits and _, not starting with a digit)',
});

/** Names that usually hold secrets; their values belong in `secrets`, never in plain environment variables (docs/design.md decision 8). */
export const SECRET_LOOKING_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|ACCESS_?KEY|API_?KEY|(?:^|_)KEY(?:$|_)/i;

const environmentVariables: Schema<Record<string, string>> = {
  parse(value, path, report) {
    const parsed = dictionary(variableName, string({ maxLength: 4096 })).parse(value, path, report);
    if (parsed === undefined) return undefined;
    let valid = true;
    for (const key of Object.keys(parsed)) {
      if (SECRET_LOOKING_NAME.test(key)) {
        report([...path, key], 'looks like a secret; pass it through "secrets" (a Secrets Manager or SSM parameter ARN), never as a plain environment variable');
        valid = false;
      }
    }
    return valid ? parsed : undefined;
  },
};

const SECRETS_MANAGER_ARN = /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[^:]*:[^:]*:[^:]*)?$/;
const SSM_PARAMETER_ARN = /^arn:aws:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+$/;

export const secretArn: Schema<string> = {
  parse(value, path, report) {
    const text = string().parse(value, path, report);
    if (text === undefined) return undefined;
    if (SECRETS_MANAGER_ARN.test(text) || SSM_PARAMETER_ARN.test(text)) return text;
    report(
      path,
      `"${text}" must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)`,
    );
    return undefined;
  },
};

const secrets = dictionary(variableName, secretArn);

const kmsKeyArn = string({
  pattern: /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/(?:mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/,
  patternHint: 'must be a KMS key ARN like arn:aws:kms:eu-west-1:123456789012:key/<uuid>',
});

const NAMED_ROOT = /^(?:root|0)$/;

export const containerUser: Schema<string> = {
  parse(value, path, report) {
    const text = string({
      pattern: /^(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10})(?::(?:[a-z_][a-z0-9_-]{0,31}|\d{1,10}))?$/,
      patternHint: 'must be a user name or UID, optionally with ":group", like "1000" or "app:app"',
    }).parse(value, path, report);
    if (text === undefined) return undefined;
    if (NAMED_ROOT.test(text.split(':')[0])) {
      report(path, `"${text}" runs the container as root; use a non-root user such as "${SERVICE_DEFAULTS.user}"`);
      return undefined;
    }
    return text;
  },
};

export const containerHealthCheck = object(
  {
    command: list(string({ minLength: 1 }), { minItems: 2 }),
    interval: optional(integer({ min: 5, max: 300, unit: 'seconds' })),
    timeout: optional(integer({ min: 2, max: 60, unit: 'seconds' })),
    retries: optional(integer({ min: 1, max: 10 })),
    startPeriod: optional(integer({ min: 0, max: 300, unit: 'seconds' })),
  },
  [
    refine(['command'], ({ command }, report) => {
      if (!['CMD', 'CMD-SHELL'].includes(command[0])) {
        report(['command', 0], `must be "CMD" or "CMD-SHELL", got "${command[0]}"`);
      }
    }),
  ],
);

export const targetHealthCheck = object(
  {
    matcher: optional(
      string({
        pattern: /^[1-5]\d\d(?:-[1-5]\d\d)?(?:,[1-5]\d\d(?:-[1-5]\d\d)?)*$/,
        patternHint: 'must be HTTP codes like "200", "200,204" or "200-399"',
      }),
    ),
    interval: optional(integer({ min: 5, max: 300, unit: 'seconds' })),
    timeout: optional(integer({ min: 2, max: 120, unit: 'seconds' })),
    healthyThreshold: optional(integer({ min: 2, max: 10 })),
    unhealthyThreshold: optional(integer({ min: 2, max: 10 })),
    gracePeriod: optional(integer({ min: 0, max: 2147483647, unit: 'seconds' })),
  },
  [
    refine(['interval', 'timeout'], ({ interval, timeout }, report) => {
      const effectiveInterval = interval ?? SERVICE_DEFAULTS.healthCheck.interval;
      const effectiveTimeout = timeout ?? SERVICE_DEFAULTS.healthCheck.timeout;
      if (effectiveTimeout >= effectiveInterval) {
        report([timeout !== undefined ? 'timeout' : 'interval'], `the timeout (${effectiveTimeout} s) must be shorter than the interval (${effectiveInterval} s)`);
      }
    }),
  ],
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
    priority: optional(integer({ min: 1, max: 50000 })),
  },
  [
    refine(['hosts', 'paths'], ({ hosts = [], paths = [] }, report) => {
      if (hosts.length + paths.length > 5) {
        report([], `a listener rule takes at most 5 host and path values together; got ${hosts.length + paths.length}`);
      }
    }),
  ],
);

const sid = string({ pattern: /^[A-Za-z0-9]{1,100}$/, patternHint: 'must be letters and digits only' });

/** An IAM action the application needs: a real one (the maintained AWS action dataset), never all of a service. */
const action: Schema<string> = {
  parse(value, path, report) {
    const text = string({
      pattern: /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/,
      patternHint: 'must be an IAM action like "s3:GetObject"',
    }).parse(value, path, report);
    if (text === undefined) return undefined;
    if (text === '*' || text.endsWith(':*')) {
      report(path, `"${text}" grants every action; list the actions the application needs`);
      return undefined;
    }
    const problem = actionProblem(text);
    if (problem) {
      report(path, problem);
      return undefined;
    }
    return text;
  },
};

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
  [
    refine(['resources', 'reason'], ({ resources, reason: why }, report) => {
      if (why) return;
      resources.forEach((arn, i) => {
        if (arn.includes('*')) report(['resources', i], `"${arn}" is a wildcard; add a "reason" saying why the application needs it`);
      });
    }),
  ],
);

export const egressRule = object({
  port: integer({ min: 1, max: 65535 }),
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

const readOnlyRootRefinement = rule<ContainerFields>(
  ['readOnlyRootFilesystem', 'readOnlyRootFilesystemReason'],
  ({ readOnlyRootFilesystem, readOnlyRootFilesystemReason }, report) => {
    if (readOnlyRootFilesystem === false && !readOnlyRootFilesystemReason) {
      report(['readOnlyRootFilesystem'], 'a writable root filesystem needs "readOnlyRootFilesystemReason" (a writable /tmp is always mounted)');
    } else if (readOnlyRootFilesystem !== false && readOnlyRootFilesystemReason) {
      report(['readOnlyRootFilesystemReason'], 'is only allowed with readOnlyRootFilesystem: false');
    }
  },
);

/** An additional container; `image` is the schema of a pinned image reference. */
export function sidecarSchema(image: Schema<ImageReference>) {
  return object(
    {
      name: containerName,
      image,
      essential: optional(boolean()),
      cpu: optional(integer({ min: 0, max: 16384 })),
      memory: optional(integer({ min: 6, max: 122880 })),
      containerPort: optional(integer({ min: 1, max: 65535 })),
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
  return rule<ContainerFields>(['environment', 'secrets'], ({ environment = {}, secrets: named = {} }, report) => {
    for (const key of Object.keys(named)) {
      if (key in environment) report(['environment', key], 'is also a secret; give it once, in "secrets"');
    }
  });
}

/** Fields appended to a service's schema; see `ServiceDefinition`. */
export function serviceComputeFields(image: Schema<ImageReference>) {
  return {
    kind: optional(oneOf(['web', 'worker'] as const)),
    capacity: optional(capacityStrategy),
    architecture: optional(architecture),
    environment: optional(environmentVariables),
    secrets: optional(secrets),
    secretKmsKeyArns: optional(list(kmsKeyArn, { minItems: 1 })),
    healthCheck: optional(targetHealthCheck),
    containerHealthCheck: optional(containerHealthCheck),
    routing: optional(routing),
    stopTimeout: optional(integer({ min: 2, max: 3600, unit: 'seconds' })),
    deregistrationDelay: optional(integer({ min: 0, max: 3600, unit: 'seconds' })),
    readOnlyRootFilesystem: optional(boolean()),
    readOnlyRootFilesystemReason: optional(reason),
    user: optional(containerUser),
    command: optional(command),
    sidecars: optional(list(sidecarSchema(image), { minItems: 1, maxItems: 9 })),
    taskRolePolicies: optional(list(taskRolePolicy, { minItems: 1 })),
    egress: optional(list(egressRule, { minItems: 1 })),
  };
}

type ServiceFields = Partial<ServiceDefinition>;

const WEB_ONLY = ['containerPort', 'healthCheckPath', 'healthCheck', 'routing', 'deregistrationDelay'] as const;

/** Checks within one service; they run from the service's own schema. */
export const serviceComputeRefinements = [
  rule<ServiceFields>(['kind', 'containerPort', 'healthCheckPath', 'healthCheck', 'routing', 'deregistrationDelay', 'containerHealthCheck'], (svc, report) => {
    if ((svc.kind ?? SERVICE_DEFAULTS.kind) === 'web') {
      if (svc.containerPort === undefined) report(['containerPort'], 'is required for a web service (kind: web); a worker has none');
      if (svc.healthCheckPath === undefined) report(['healthCheckPath'], 'is required for a web service (kind: web); a worker has none');
      return;
    }
    for (const field of WEB_ONLY) {
      if (svc[field] !== undefined) report([field], 'is only for web services: a worker has no load balancer');
    }
    if (!svc.containerHealthCheck) {
      report(['containerHealthCheck'], 'is required for a worker: without a load balancer nothing else notices a hung task');
    }
  }),
  rule<ServiceFields>(['capacity', 'stopTimeout'], ({ capacity, stopTimeout }, report) => {
    if (stopTimeout !== undefined && stopTimeout > FARGATE_MAX_STOP_TIMEOUT && !capacity?.ec2) {
      report(['stopTimeout'], `must be at most ${FARGATE_MAX_STOP_TIMEOUT} seconds on Fargate, got ${stopTimeout}`);
    }
  }),
  rule<ServiceFields>(['stopTimeout', 'deregistrationDelay'], ({ stopTimeout, deregistrationDelay }, report) => {
    const stop = stopTimeout ?? SERVICE_DEFAULTS.stopTimeout;
    if (deregistrationDelay !== undefined && deregistrationDelay > stop) {
      report(
        ['deregistrationDelay'],
        `${deregistrationDelay} s is longer than the stop timeout (${stop} s): the task would be killed while the load balancer still drains it`,
      );
    }
  }),
  readOnlyRootRefinement,
  secretsNotInEnvironment(),
  rule<ServiceFields>(['name', 'containerPort', 'memory', 'sidecars'], ({ name, containerPort, memory, sidecars = [] }, report) => {
    const seen = new Map<string, number>();
    let reserved = 0;
    sidecars.forEach((sidecar, i) => {
      if (sidecar.name === name) report(['sidecars', i, 'name'], `"${sidecar.name}" is the name of the service's own container`);
      const first = seen.get(sidecar.name);
      if (first !== undefined) report(['sidecars', i, 'name'], `"${sidecar.name}" is already the name of sidecars[${first}]`);
      else seen.set(sidecar.name, i);
      if (sidecar.containerPort !== undefined && sidecar.containerPort === containerPort) {
        report(['sidecars', i, 'containerPort'], `${sidecar.containerPort} is already the service's containerPort`);
      }
      reserved += sidecar.memory ?? 0;
    });
    if (memory !== undefined && reserved >= memory) {
      report(['sidecars'], `reserve ${reserved} MiB, which leaves nothing of the task's ${memory} MiB for the service's container`);
    }
  }),
];

/** Whether the service runs on the environment's EC2 capacity provider. */
export function runsOnEc2(svc: Pick<ServiceDefinition, 'capacity'>): boolean {
  return (svc.capacity?.ec2 ?? 0) > 0;
}

const loadBalancer = object({
  scheme: optional(oneOf(['internet-facing', 'internal'] as const)),
  ingressCidrs: optional(list(cidr, { minItems: 1 })),
  accessLogs: optional(boolean()),
  accessLogsReason: optional(reason),
  deletionProtection: optional(boolean()),
  deletionProtectionReason: optional(reason),
  accessLogRetentionDays: optional(integer({ min: 1, max: 3650, unit: 'days' })),
  idleTimeout: optional(integer({ min: 1, max: 4000, unit: 'seconds' })),
});

/** Graviton instance families carry a "g" after the generation: m7g, c7gn, t4g, r8gd. */
export function instanceArchitecture(instanceType: string): CpuArchitecture {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? 'ARM64' : 'X86_64';
}

const ec2 = object(
  {
    instanceType: string({
      pattern: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
      patternHint: 'must be an EC2 instance type like "m7g.large"',
    }),
    architecture: optional(architecture),
    minSize: integer({ min: 0, max: 1000 }),
    maxSize: integer({ min: 1, max: 1000 }),
    desiredCapacity: optional(integer({ min: 0, max: 1000 })),
    rootVolumeSize: optional(integer({ min: 30, max: 16384, unit: 'GiB' })),
  },
  [
    refine(['instanceType', 'architecture'], ({ instanceType, architecture: arch }, report) => {
      const expected = arch ?? SERVICE_DEFAULTS.architecture;
      const actual = instanceArchitecture(instanceType);
      if (actual !== expected) {
        report(['instanceType'], `"${instanceType}" is an ${actual} instance type but architecture is "${expected}"`);
      }
    }),
    refine(['minSize', 'maxSize', 'desiredCapacity'], ({ minSize, maxSize, desiredCapacity }, report) => {
      if (minSize > maxSize) report(['minSize'], `${minSize} is greater than maxSize ${maxSize}`);
      else if (desiredCapacity !== undefined && (desiredCapacity < minSize || desiredCapacity > maxSize)) {
        report(['desiredCapacity'], `${desiredCapacity} is outside [minSize, maxSize] = [${minSize}, ${maxSize}]`);
      }
    }),
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
      if (capacity?.ec2) {
        report(['capacity', 'ec2'], 'the default strategy uses Fargate only; choose EC2 per service with capacity: {ec2: 1}');
      }
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
  const lb = compute?.loadBalancer;
  if (lb?.deletionProtectionReason && lb.deletionProtection !== false) {
    report(['compute', 'loadBalancer', 'deletionProtectionReason'], 'is only allowed with deletionProtection: false');
  }
  if (lb?.accessLogsReason && lb.accessLogs !== false) {
    report(['compute', 'loadBalancer', 'accessLogsReason'], 'is only allowed with accessLogs: false');
  }
  if (tier !== 'production') return;
  if (lb?.deletionProtection === false && !lb.deletionProtectionReason) {
    report(['compute', 'loadBalancer', 'deletionProtection'], 'the production tier keeps deletion protection on; turning it off needs "deletionProtectionReason"');
  }
  if (lb?.accessLogs === false && !lb.accessLogsReason) {
    report(['compute', 'loadBalancer', 'accessLogs'], 'the production tier keeps access logs; turning them off needs "accessLogsReason"');
  }
  const minimum = COMPUTE_PRESETS.production.logRetentionDays;
  if (compute?.logRetentionDays !== undefined && compute.logRetentionDays < minimum) {
    report(['compute', 'logRetentionDays'], `production tier keeps service logs at least ${minimum} days; got ${compute.logRetentionDays}`);
  }
}

/** Services against the environment's capacity: EC2 services need `compute.ec2` of their architecture. */
export function checkServiceCapacity({ services, compute }: Omit<ComputeCheckInput, 'tier'>, report: Report): void {
  services.forEach((svc, i) => {
    if (!runsOnEc2(svc)) return;
    if (!compute?.ec2) {
      report(['services', i, 'capacity', 'ec2'], 'needs EC2 capacity in this environment: add compute.ec2');
      return;
    }
    const wanted = svc.architecture ?? SERVICE_DEFAULTS.architecture;
    const offered = compute.ec2.architecture ?? SERVICE_DEFAULTS.architecture;
    if (wanted !== offered) {
      report(['services', i, 'architecture'], `is "${wanted}" but the EC2 capacity (compute.ec2) is "${offered}"`);
    }
  });
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
  const owner = new Map<number, number>();
  services.forEach((svc, i) => {
    if ((svc.kind ?? SERVICE_DEFAULTS.kind) !== 'web') return;
    const priority = listenerRulePriority(svc, i);
    const first = owner.get(priority);
    if (first === undefined) {
      owner.set(priority, i);
      return;
    }
    const derived = svc.routing?.priority === undefined ? ' (derived from its position)' : '';
    report(['services', i, 'routing', 'priority'], `${priority}${derived} is already the listener rule priority of services[${first}]; give a unique "priority"`);
  });
}

/**
 * Every image an environment runs, services' and sidecars', with its field path. The registry
 * derives pull access and protected tags from these, so a sidecar's image is treated exactly
 * like its service's.
 */
export function containerImages(definition: Pick<EnvironmentDefinition, 'services'>): Array<{ path: FieldPath; image: ImageReference }> {
  return definition.services.flatMap((svc, i) => [
    { path: ['services', i, 'image'], image: svc.image },
    ...(svc.sidecars ?? []).map((sidecar, j) => ({ path: ['services', i, 'sidecars', j, 'image'], image: sidecar.image })),
  ]);
}
