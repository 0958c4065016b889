import type { PropPath, PropProblem } from '@ecs-platform/construct-props';
import { checkImageReference } from '@ecs-platform/image-registry';
import {
  checkAvailabilityZones,
  checkFlowLogRetention,
  checkIsolatedSubnets,
  checkNatGateways,
  checkSubnetCidrs,
  checkWorkloadEgress,
} from '@ecs-platform/network';
import { certificateProblems, secretAccountProblems, taskSizeProblems } from '@ecs-platform/compute';
import { AWS_REGIONS } from './aws-facts';
import type { EnvironmentDefinition, ServiceDefinition } from './definition';
import {
  checkProductionCompute,
  checkRoutingPriorities,
  checkServiceCalls,
  checkServiceCapacity,
  computeSchema,
  runsOnEc2,
  serviceComputeFields,
  serviceComputeRefinements,
} from './compute-schema';
import { cidr, logRetentionDays } from './fields';
import { checkJobs, jobSchema } from './job-schema';
import { checkQueueLocations, checkServiceQueue, queueSchema } from './queue-schema';
import { checkMonitoringForTier, checkScalingForTier, checkServiceScaling, monitoringSchema, scalingSchema } from './scaling-schema';
import {
  boolean,
  closest,
  dictionary,
  type FieldPath,
  formatPath,
  integer,
  list,
  object,
  oneOf,
  optional,
  refine,
  type Report,
  type Schema,
  string,
  withDefault,
} from './schema';

/** Tags the stacks set themselves on every resource; a definition may not override them. */
export const RESERVED_TAG_KEYS = ['Project', 'Environment', 'ManagedBy', 'Repository'] as const;

const name = string({
  pattern: /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/,
  patternHint: 'must be 2 to 20 lowercase letters, digits and hyphens, starting with a letter',
});

/** Shared with the registry definition (`registry-schema.ts`). */
export const accountId: Schema<string> = {
  parse(value, path, report) {
    if (typeof value === 'number') {
      // YAML reads an unquoted 012345678901 as a number and drops the leading zero.
      report(path, 'must be a quoted string of 12 digits (unquoted, YAML reads it as a number)');
      return undefined;
    }
    return string({ pattern: /^\d{12}$/, patternHint: 'must be exactly 12 digits' }).parse(value, path, report);
  },
};

export const region: Schema<string> = {
  parse(value, path, report) {
    const parsed = string().parse(value, path, report);
    if (parsed === undefined) return undefined;
    if (AWS_REGIONS.includes(parsed)) return parsed;
    const suggestion = closest(parsed, AWS_REGIONS);
    report(path, `"${parsed}" is not an AWS region` + (suggestion ? ` (did you mean "${suggestion}"?)` : ''));
    return undefined;
  },
};

export const roleArn = string({
  pattern: /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
  patternHint: 'must be an IAM role ARN like arn:aws:iam::123456789012:role/deploy',
});

/** An operator: a role or user ARN (a role path such as aws-reserved/sso.amazonaws.com/ included). */
export const operatorArn = string({
  pattern: /^arn:aws:iam::\d{12}:(?:role|user)\/[\w+=,.@/-]{1,512}$/,
  patternHint: 'must be an IAM role or user ARN like arn:aws:iam::123456789012:role/PlatformOperator',
});

const subnets = object({
  public: list(cidr, { minItems: 1 }),
  private: list(cidr, { minItems: 1 }),
  isolated: optional(list(cidr, { minItems: 1 })),
});

const network = object(
  {
    vpcCidr: cidr,
    natGateways: oneOf(['one-per-az', 'single', 'none'] as const),
    subnets: optional(subnets),
    isolatedSubnets: optional(boolean()),
    vpcEndpoints: optional(boolean()),
    flowLogRetentionDays: optional(logRetentionDays),
  },
  [
    // The Network's own rules (libs/network checks.ts); paths are relative to `network` here.
    refine(['subnets', 'isolatedSubnets'], (net, report) => reportProblems(report, checkIsolatedSubnets(net), (path) => path)),
  ],
);

/**
 * Where a Network prop lives in the definition: the environment's name, tier, account,
 * region and zones are top-level fields; every other prop is a field of `network`.
 */
function networkField(path: PropPath): FieldPath {
  const [first] = path;
  return typeof first === 'string' && ['name', 'tier', 'accountId', 'region', 'availabilityZones'].includes(first) ? path : ['network', ...path];
}

function reportProblems(report: Report, problems: readonly PropProblem[], field: (path: PropPath) => FieldPath = networkField): void {
  for (const problem of problems) report(field(problem.path), problem.message);
}

export const stateBackend = object({
  bucket: string({
    pattern: /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    patternHint: 'must be a valid S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)',
  }),
  lockTable: string({
    pattern: /^[A-Za-z0-9_.-]{3,255}$/,
    patternHint: 'must be a valid DynamoDB table name (3 to 255 letters, digits, _ . -)',
  }),
  region,
});

const dns = object({
  domainName: string({
    pattern: /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    patternHint: 'must be a lowercase domain name like shop.example.com',
  }),
  hostedZoneId: optional(string({ pattern: /^Z[A-Z0-9]{1,31}$/, patternHint: 'must be a Route 53 hosted zone id like Z0123456789ABC' })),
  certificateArn: optional(
    string({
      pattern: /^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
      patternHint: 'must be an ACM certificate ARN like arn:aws:acm:eu-west-1:123456789012:certificate/<uuid>',
    }),
  ),
});

// The rules of a pinned image are the registry library's (checkImageReference), the same
// function the constructs and imageUri's callers use.
const image = object(
  {
    repository: string(),
    tag: optional(string()),
    digest: optional(string()),
  },
  [refine(['repository', 'tag', 'digest'], (value, report) => reportProblems(report, checkImageReference(value), (path) => path))],
);

// services[].scaling and monitoring: scaling-schema.ts (docs/scaling.md).
const scaling = scalingSchema;

const service = object(
  {
    name,
    image,
    cpu: integer({ min: 1 }),
    memory: integer({ min: 1 }),
    // Required for web services, not allowed for workers (serviceComputeRefinements).
    containerPort: optional(integer({ min: 1, max: 65535 })),
    healthCheckPath: optional(
      string({
        pattern: /^\/[\w\-./~%!$&'()*+,;=:@?]*$/,
        patternHint: 'must be a URL path starting with "/"',
      }),
    ),
    desiredCount: integer({ min: 0, max: 1000 }),
    minCount: integer({ min: 0, max: 1000 }),
    maxCount: integer({ min: 1, max: 1000 }),
    scaling: optional(scaling),
    ...serviceComputeFields(image),
    // A worker bound to an SQS queue (queue-schema.ts).
    queue: optional(queueSchema),
  },
  [
    // A Fargate size, or on EC2 a size that fits an instance (libs/compute's check).
    refine(['cpu', 'memory', 'capacity'], ({ cpu, memory, capacity }, report) =>
      reportProblems(report, taskSizeProblems({ cpu, memory, onEc2: runsOnEc2({ capacity }) }), (path) => path),
    ),
    refine(['minCount', 'maxCount'], ({ minCount, maxCount }, report) => {
      if (minCount > maxCount) report(['minCount'], `${minCount} is greater than maxCount ${maxCount}`);
    }),
    refine(['desiredCount', 'minCount', 'maxCount'], ({ desiredCount, minCount, maxCount }, report) => {
      if (minCount <= maxCount && (desiredCount < minCount || desiredCount > maxCount)) {
        report(['desiredCount'], `${desiredCount} is outside [minCount, maxCount] = [${minCount}, ${maxCount}]`);
      }
    }),
    refine(['scaling', 'minCount', 'maxCount'], (svc, report) => checkServiceScaling(svc, report)),
    refine(['kind', 'queue', 'minCount', 'maxCount', 'environment', 'secrets'], (svc, report) => checkServiceQueue(svc, report)),
    ...serviceComputeRefinements,
  ],
);

/** Resource tags: key to value. */
export const tagMap = dictionary(
  string({ pattern: /^[\w .:/=+@-]{1,128}$/, patternHint: 'must be a tag key of 1 to 128 letters, digits, spaces and _ . : / = + - @' }),
  string({ maxLength: 256 }),
);

/** The schema of `environments/<name>/environment.yaml`. */
export const environmentSchema: Schema<EnvironmentDefinition> = object(
  {
    name,
    tier: oneOf(['production', 'non-production'] as const),
    accountId,
    region,
    // How many, and of which region: the Network's checks (below).
    availabilityZones: list(string({ pattern: /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, patternHint: 'must be an availability zone name like eu-west-1a' })),
    network,
    stateBackend,
    deployRoleArn: optional(roleArn),
    promotesFrom: optional(name),
    operators: optional(list(operatorArn, { minItems: 1 })),
    tags: withDefault(tagMap, () => ({})),
    dns,
    services: withDefault(list(service), () => []),
    // Scheduled jobs (job-schema.ts).
    jobs: optional(list(jobSchema(image), { minItems: 1 })),
    compute: optional(computeSchema),
    monitoring: optional(monitoringSchema),
  },
  [
    // The Network's rules (libs/network checks.ts), the same functions its constructor calls.
    refine(['region', 'availabilityZones'], (env, report) => reportProblems(report, checkAvailabilityZones(env))),
    refine(['tier', 'network'], ({ tier, network: net }, report) => reportProblems(report, checkNatGateways({ tier, ...net }))),
    refine(['tier', 'network'], ({ tier, network: net }, report) => reportProblems(report, checkFlowLogRetention({ tier, ...net }))),
    refine(['tier', 'network', 'services'], ({ tier, network: net, services }, report) => {
      // Without NAT, Fargate tasks reach ECR, CloudWatch Logs and Secrets Manager only through endpoints.
      if (services.length > 0) reportProblems(report, checkWorkloadEgress({ tier, ...net }));
    }),
    refine(['network', 'availabilityZones'], ({ network: net, availabilityZones }, report) =>
      reportProblems(report, checkSubnetCidrs({ ...net, availabilityZones }, { fieldName: (path) => formatPath(networkField(path)) })),
    ),
    refine(['accountId', 'deployRoleArn'], ({ accountId: account, deployRoleArn }, report) => {
      if (deployRoleArn && !deployRoleArn.startsWith(`arn:aws:iam::${account}:`)) {
        report(['deployRoleArn'], `belongs to another account than accountId ${account}`);
      }
    }),
    // The load balancer's certificate rule (libs/compute's check).
    refine(['accountId', 'region', 'dns'], ({ accountId, region: regionName, dns: settings }, report) =>
      reportProblems(report, certificateProblems({ ...settings, accountId, region: regionName }), (path) => ['dns', ...path]),
    ),
    refine(['tags'], ({ tags }, report) => {
      for (const key of Object.keys(tags)) {
        if ((RESERVED_TAG_KEYS as readonly string[]).includes(key)) {
          report(['tags', key], `is set by the platform on every resource and cannot be overridden`);
        }
      }
    }),
    refine(['services'], ({ services }, report) => checkUniqueServiceNames(services, report)),
    refine(['accountId', 'services'], ({ accountId: account, services }, report) => checkSecretAccounts(account, services, report)),
    refine(['tier', 'services'], ({ tier, services }, report) => checkScalingForTier(tier, services, report)),
    refine(['tier', 'services', 'monitoring'], ({ tier, services, monitoring }, report) => checkMonitoringForTier(tier, services, monitoring, report)),
    refine(['tier', 'compute'], (value, report) => checkProductionCompute(value, report)),
    refine(['services', 'compute'], ({ services, compute }, report) => checkServiceCapacity({ services, compute }, report)),
    refine(['services'], ({ services }, report) => checkRoutingPriorities({ services }, report)),
    refine(['accountId', 'region', 'services'], ({ accountId: account, region: where, services }, report) =>
      checkQueueLocations({ accountId: account, region: where }, services, report),
    ),
    refine(['accountId', 'services', 'jobs', 'compute'], ({ accountId: account, services, jobs, compute }, report) =>
      checkJobs({ accountId: account, services, jobs: jobs ?? [], compute }, report),
    ),
    refine(['services'], ({ services }, report) => checkServiceCalls({ services }, report)),
  ],
);

/**
 * Secrets and their keys belong to the environment's own account. A definition copied from
 * another environment otherwise keeps that account's ARNs, and its tasks would read (or fail
 * to read) another environment's database password.
 */
function checkSecretAccounts(account: string, services: readonly ServiceDefinition[], report: Report): void {
  const check = (arn: string, at: FieldPath, what: 'the secret' | 'the key') =>
    reportProblems(report, secretAccountProblems(account, arn, what), (path) => [...at, ...path]);
  services.forEach((svc, i) => {
    for (const [key, arn] of Object.entries(svc.secrets ?? {})) check(arn, ['services', i, 'secrets', key], 'the secret');
    (svc.secretKmsKeyArns ?? []).forEach((arn, j) => check(arn, ['services', i, 'secretKmsKeyArns', j], 'the key'));
    (svc.sidecars ?? []).forEach((sidecar, j) => {
      for (const [key, arn] of Object.entries(sidecar.secrets ?? {})) check(arn, ['services', i, 'sidecars', j, 'secrets', key], 'the secret');
    });
  });
}

function checkUniqueServiceNames(services: readonly ServiceDefinition[], report: Report): void {
  const firstIndex = new Map<string, number>();
  services.forEach((svc, i) => {
    const first = firstIndex.get(svc.name);
    if (first !== undefined) report(['services', i, 'name'], `"${svc.name}" is already the name of services[${first}]`);
    else firstIndex.set(svc.name, i);
  });
}
