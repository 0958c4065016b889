import type { Tier } from './definition';

/**
 * The network's tier defaults belong to the Network construct (`NETWORK_TIER_DEFAULTS` of
 * `@ecs-platform/network`), which applies them itself; the old names stay for callers.
 */
export { NETWORK_TIER_DEFAULTS as NETWORK_PRESETS, type NetworkTierDefaults as NetworkPresets } from '@ecs-platform/network';

/** Compute settings a tier implies when the definition does not say (docs/design.md decision 6). */
export interface ComputePresets {
  /** Days service and ECS Exec logs are kept. */
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

export const COMPUTE_PRESETS: Readonly<Record<Tier, ComputePresets>> = {
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

/** Defaults of service fields that do not depend on the tier (documented with `@default` in definition.ts). */
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
} as const;

/** Fargate kills a container at most this many seconds after SIGTERM. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;
