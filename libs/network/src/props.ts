import type { Tier } from '@ecs-platform/construct-props';

/** How private subnets reach the internet. */
export type NatGatewayStrategy = 'one-per-az' | 'single' | 'none';

/** Subnet CIDR blocks per tier, one per availability zone in the order of `availabilityZones`. */
export interface ExplicitSubnets {
  readonly public: readonly string[];
  readonly private: readonly string[];
  /** Only with `isolatedSubnets: true`, and then required. @default none */
  readonly isolated?: readonly string[];
}

/**
 * A VPC over two or more availability zones. Names follow the AWS concepts (and the
 * environment definition's `network` section, so one message fits both).
 */
export interface NetworkProps {
  /** Prefix of every resource name and Name tag (the environment's name). */
  readonly name: string;
  /** The account the VPC lives in; the flow-log role and key policy are scoped to it. */
  readonly accountId: string;
  readonly region: string;
  /** IPv4 CIDR block of the VPC; /16 to /22 when the subnets are derived. */
  readonly vpcCidr: string;
  /** Availability zones of `region`, in order; at least two. Appending one never renumbers subnets. */
  readonly availabilityZones: readonly string[];
  /**
   * One NAT gateway per zone (the only choice the production tier accepts), a single shared
   * one in the first zone, or none. @default 'one-per-az'
   */
  readonly natGateways?: NatGatewayStrategy;
  /**
   * Explicit subnet CIDRs per tier, one per zone: inside the VPC, /28 or larger, no overlaps.
   * @default derived from `vpcCidr` by zone letter (`planSubnets` of `@ecs-platform/cidr`)
   */
  readonly subnets?: ExplicitSubnets;
  /**
   * An isolated subnet tier (no route to the internet, not even through NAT) for data stores.
   * With explicit `subnets`, `subnets.isolated` must then be listed too. @default false
   */
  readonly isolatedSubnets?: boolean;
  /**
   * An S3 gateway endpoint and interface endpoints for ECR, CloudWatch Logs, Secrets Manager
   * and SSM, so image pulls and logs bypass the NAT.
   * @default NETWORK_TIER_DEFAULTS[tier].vpcEndpoints: true in production, false otherwise
   */
  readonly vpcEndpoints?: boolean;
  /**
   * Days the VPC flow logs are kept; a period CloudWatch Logs offers. Production keeps at
   * least its default.
   * @default NETWORK_TIER_DEFAULTS[tier].flowLogRetentionDays: 365 in production, 30 otherwise
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Adds the `ssmmessages` interface endpoint that ECS Exec sessions need, when endpoints are
   * on. Compute owns ECS Exec and turns this on with it. @default false
   */
  readonly ecsExec?: boolean;
  /**
   * Emit Terraform outputs `vpc_id`, `public_subnet_ids`, `private_subnet_ids`,
   * `isolated_subnet_ids`. Output names are global in a stack, so only one Network per stack
   * may emit them. @default true
   */
  readonly outputs?: boolean;
  /**
   * Strictness: `production` refuses anything but a NAT gateway per zone and flow logs kept
   * shorter than a year, and turns the endpoints on by default. @default 'production'
   */
  readonly tier?: Tier;
}
