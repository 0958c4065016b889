/**
 * Facts about ECS and Fargate that a task is checked against, so a mistake surfaces before a
 * plan (and long before ECS refuses the task definition at apply).
 */

/**
 * Fargate task sizes AWS accepts: CPU units to the allowed memory values in MiB.
 * Source: Amazon ECS developer guide, "Task CPU and memory" for Fargate.
 */
export const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, steps(1024, 4096, 1024)],
  [1024, steps(2048, 8192, 1024)],
  [2048, steps(4096, 16384, 1024)],
  [4096, steps(8192, 30720, 1024)],
  [8192, steps(16384, 61440, 4096)],
  [16384, steps(32768, 122880, 8192)],
]);

function steps(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) values.push(value);
  return values;
}

/** Describes the allowed memory for a CPU value the way the ECS guide does. */
export function describeFargateMemory(cpu: number): string {
  const allowed = FARGATE_MEMORY_BY_CPU.get(cpu) ?? [];
  if (allowed.length <= 3) return allowed.join(', ');
  return `${allowed[0]} to ${allowed[allowed.length - 1]} in steps of ${allowed[1] - allowed[0]}`;
}

/** Fargate kills a container at most this many seconds after SIGTERM. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;

/** CPU units an awsvpc task on EC2 may reserve (it only has to fit an instance). */
export const EC2_TASK_CPU = { min: 128, max: 10240 } as const;

/** An inclusive range of whole numbers; `unit` completes the message ("seconds"). */
export interface Limits {
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
}

/**
 * The ranges AWS (or this product) accepts for the numbers of a service, a cluster and a load
 * balancer. The definition's schema reads the same limits, so the YAML and TypeScript paths
 * agree on every bound.
 */
export const COMPUTE_LIMITS = {
  capacityWeight: { min: 0, max: 1000 },
  port: { min: 1, max: 65535 },
  desiredCount: { min: 0, max: 1000 },
  stopTimeout: { min: 2, max: 3600, unit: 'seconds' },
  deregistrationDelay: { min: 0, max: 3600, unit: 'seconds' },
  sidecarCpu: { min: 0, max: 16384 },
  sidecarMemory: { min: 6, max: 122880 },
  sidecars: { min: 1, max: 9 },
  healthCheck: {
    interval: { min: 5, max: 300, unit: 'seconds' },
    timeout: { min: 2, max: 120, unit: 'seconds' },
    healthyThreshold: { min: 2, max: 10 },
    unhealthyThreshold: { min: 2, max: 10 },
    gracePeriod: { min: 0, max: 2147483647, unit: 'seconds' },
  },
  containerHealthCheck: {
    interval: { min: 5, max: 300, unit: 'seconds' },
    timeout: { min: 2, max: 60, unit: 'seconds' },
    retries: { min: 1, max: 10 },
    startPeriod: { min: 0, max: 300, unit: 'seconds' },
  },
  listenerRulePriority: { min: 1, max: 50000 },
  /** Host and path values of one listener rule, together. */
  listenerRuleValues: { max: 5 },
  minimumHealthyPercent: { min: 0, max: 100 },
  maximumPercent: { min: 100, max: 200 },
  ec2: {
    minSize: { min: 0, max: 1000 },
    maxSize: { min: 1, max: 1000 },
    desiredCapacity: { min: 0, max: 1000 },
    rootVolumeSize: { min: 30, max: 16384, unit: 'GiB' },
  },
  accessLogRetentionDays: { min: 1, max: 3650, unit: 'days' },
  idleTimeout: { min: 1, max: 4000, unit: 'seconds' },
  /** A written reason for relaxing a safe default: long enough to say something. */
  reasonLength: { min: 10, max: 500 },
} as const;
