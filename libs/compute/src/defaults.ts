import type { Tier } from '@ecs-platform/construct-props';

/** What a tier implies for compute when the props do not say (docs/design.md decision 6). */
export interface ComputeTierDefaults {
  /** Days service and ECS Exec logs are kept; production may raise it, never lower it. */
  readonly logRetentionDays: number;
  /** ALB deletion protection; production may turn it off only with a written reason. */
  readonly deletionProtection: boolean;
  /** ALB access logs to S3; production may turn them off only with a written reason. */
  readonly accessLogs: boolean;
  /** Days ALB access logs are kept. */
  readonly accessLogRetentionDays: number;
  /**
   * Rolling deployment bounds in percent of the desired count. Production never goes below
   * full capacity during a deployment; other tiers may replace half at a time.
   */
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
}

export const COMPUTE_TIER_DEFAULTS: Readonly<Record<Tier, ComputeTierDefaults>> = {
  production: {
    logRetentionDays: 365,
    deletionProtection: true,
    accessLogs: true,
    accessLogRetentionDays: 365,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
  },
  'non-production': {
    logRetentionDays: 30,
    deletionProtection: false,
    accessLogs: false,
    accessLogRetentionDays: 30,
    minimumHealthyPercent: 50,
    maximumPercent: 200,
  },
};

/** Defaults that do not depend on the tier (each prop documents its own with `@default`). */
export const SERVICE_DEFAULTS = {
  kind: 'web',
  architecture: 'X86_64',
  user: '1000',
  stopTimeout: 30,
  deregistrationDelay: 30,
  readOnlyRootFilesystem: true,
  healthCheck: { matcher: '200-399', interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3, gracePeriod: 60 },
  containerHealthCheck: { interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
  capacity: { fargate: 1 },
  containerInsights: 'enabled',
  idleTimeout: 60,
  ec2RootVolumeSize: 30,
  desiredCount: 1,
} as const;
