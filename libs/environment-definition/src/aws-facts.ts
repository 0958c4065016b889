/** Facts about AWS that definitions are checked against, so mistakes surface before a plan. */

/** Commercial AWS regions (opt-in regions included). */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1',
  'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
  'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

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

/** Retention periods CloudWatch Logs accepts: defined with the constructs' checks (`@ecs-platform/construct-props`). */
export { CLOUDWATCH_LOG_RETENTION_DAYS } from '@ecs-platform/construct-props';
