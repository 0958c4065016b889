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
  /**
   * Whether a web service must roll back on deployment alarms (target 5xx, unhealthy hosts):
   * production refuses to synthesize one without them unless a reason is written down.
   */
  readonly deploymentAlarms: 'required' | 'optional';
  /** ECS moves tasks back into a zone that lost them (AZ rebalancing); needs `maximumPercent` above 100. */
  readonly availabilityZoneRebalancing: boolean;
}

export const COMPUTE_TIER_DEFAULTS: Readonly<Record<Tier, ComputeTierDefaults>> = {
  production: {
    logRetentionDays: 365,
    deletionProtection: true,
    accessLogs: true,
    accessLogRetentionDays: 365,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    deploymentAlarms: 'required',
    availabilityZoneRebalancing: true,
  },
  'non-production': {
    logRetentionDays: 30,
    deletionProtection: false,
    accessLogs: false,
    accessLogRetentionDays: 30,
    minimumHealthyPercent: 50,
    maximumPercent: 200,
    deploymentAlarms: 'optional',
    availabilityZoneRebalancing: true,
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

/**
 * How a web service's rolling deployment runs in each tier when its props say nothing: the
 * numbers of `COMPUTE_TIER_DEFAULTS` and `SERVICE_DEFAULTS` in one place (docs/compute.md,
 * "Rollouts"). Every tier has the circuit breaker with rollback; AWS provider 5.100 has no bake
 * time (`deployment_configuration.bake_time_in_minutes` is a 6.x argument), so a deployment is
 * done once the new tasks are healthy and the old ones drained.
 */
export interface WebDeploymentDefaults {
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** Seconds ECS ignores failing load balancer health checks after a task starts. */
  readonly healthCheckGracePeriod: number;
  readonly circuitBreaker: { readonly enable: true; readonly rollback: true };
  readonly deploymentAlarms: 'required' | 'optional';
  readonly availabilityZoneRebalancing: boolean;
  /** Minutes ECS watches a finished deployment before it retires the old revision: none in provider 5.100. */
  readonly bakeTimeMinutes: undefined;
}

function webDeploymentDefaults(tier: Tier): WebDeploymentDefaults {
  const defaults = COMPUTE_TIER_DEFAULTS[tier];
  return {
    minimumHealthyPercent: defaults.minimumHealthyPercent,
    maximumPercent: defaults.maximumPercent,
    healthCheckGracePeriod: SERVICE_DEFAULTS.healthCheck.gracePeriod,
    circuitBreaker: { enable: true, rollback: true },
    deploymentAlarms: defaults.deploymentAlarms,
    availabilityZoneRebalancing: defaults.availabilityZoneRebalancing,
    bakeTimeMinutes: undefined,
  };
}

export const WEB_DEPLOYMENT_DEFAULTS: Readonly<Record<Tier, WebDeploymentDefaults>> = {
  production: webDeploymentDefaults('production'),
  'non-production': webDeploymentDefaults('non-production'),
};
