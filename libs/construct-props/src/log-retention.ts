/**
 * Retention periods CloudWatch Logs accepts, in days (PutRetentionPolicy). "Never expire" is
 * left out on purpose: logs that are never deleted cost more every month. Shared because every
 * layer that creates a log group (flow logs, service logs, ECS Exec logs) checks against it.
 */
export const CLOUDWATCH_LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** Why `days` is not a retention period CloudWatch Logs offers, or undefined when it is one. */
export function logRetentionProblem(days: number): string | undefined {
  if (CLOUDWATCH_LOG_RETENTION_DAYS.includes(days)) return undefined;
  return `${days} days is not a retention period CloudWatch Logs offers; use one of ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`;
}
