import type { Tier } from '@ecs-platform/construct-props';
import type { NatGatewayStrategy } from './props';

/** Network settings a tier implies when the props (or the definition) do not say (docs/design.md decision 6). */
export interface NetworkTierDefaults {
  /** Days VPC flow logs are kept; production may raise it, never lower it. */
  readonly flowLogRetentionDays: number;
  /** Whether VPC endpoints for S3, ECR, Logs, Secrets Manager and SSM are created. */
  readonly vpcEndpoints: boolean;
}

/**
 * Production keeps a year of flow logs (incident investigations and audits look back that
 * far) and pays for endpoints, which keep image pulls and secrets off the NAT path; other
 * tiers keep a month and save the endpoints' hourly charge.
 */
export const NETWORK_TIER_DEFAULTS: Readonly<Record<Tier, NetworkTierDefaults>> = {
  production: { flowLogRetentionDays: 365, vpcEndpoints: true },
  'non-production': { flowLogRetentionDays: 30, vpcEndpoints: false },
};

/** The tier a Network is held to when its props do not say: the strict one. */
export const DEFAULT_NETWORK_TIER: Tier = 'production';

/** The NAT strategy when the props do not say: the only one production accepts. */
export const DEFAULT_NAT_GATEWAYS: NatGatewayStrategy = 'one-per-az';

/** A VPC spans at least two zones, so that losing one leaves the other serving. */
export const MIN_AVAILABILITY_ZONES = 2;
