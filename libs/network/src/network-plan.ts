import { planSubnets } from '@ecs-platform/cidr';
import { formatPropPath, type Tier } from '@ecs-platform/construct-props';
import { checkNetworkProps } from './checks';
import type { NatGatewayStrategy, NetworkProps } from './props';
import { DEFAULT_NAT_GATEWAYS, DEFAULT_NETWORK_TIER, NETWORK_TIER_DEFAULTS } from './tier-defaults';

/** One availability zone's share of the network. */
export interface ZonePlan {
  readonly availabilityZone: string;
  readonly publicCidr: string;
  readonly privateCidr: string;
  /** Undefined when the network has no isolated tier. */
  readonly isolatedCidr?: string;
  /** True when this zone hosts a NAT gateway. */
  readonly hostsNatGateway: boolean;
  /** The zone whose NAT gateway this zone's private subnet routes through; undefined: no NAT. */
  readonly natGatewayZone?: string;
}

/** Everything the props decide about the network, with the defaults of the tier applied. */
export interface NetworkPlan {
  readonly tier: Tier;
  readonly vpcCidr: string;
  readonly natGateways: NatGatewayStrategy;
  readonly zones: readonly ZonePlan[];
  readonly isolatedSubnets: boolean;
  readonly vpcEndpoints: boolean;
  readonly flowLogRetentionDays: number;
}

/**
 * Resolves the props into a plan: explicit subnets when given, else the derived plan (by zone
 * letter, so adding, removing or reordering zones never renumbers another's subnets). A
 * single NAT gateway lives in the first AZ, so it keeps its address when AZs are appended or
 * when the network later moves to one per AZ. Pure; throws on props `checkNetworkProps`
 * refuses (the Network constructor reports them first, with its construct path).
 */
export function planNetwork(props: NetworkProps): NetworkPlan {
  const problems = checkNetworkProps(props);
  if (problems.length > 0) {
    throw new Error(`invalid network props:\n${problems.map((p) => `  ${formatPropPath(p.path)}: ${p.message}`).join('\n')}`);
  }
  const { availabilityZones: zones } = props;
  const tier = props.tier ?? DEFAULT_NETWORK_TIER;
  const natGateways = props.natGateways ?? DEFAULT_NAT_GATEWAYS;
  const isolatedSubnets = props.isolatedSubnets ?? false;
  const cidrs = props.subnets ?? planSubnets(props.vpcCidr, zones);
  const natZone = (zone: string): string | undefined => {
    switch (natGateways) {
      case 'one-per-az':
        return zone;
      case 'single':
        return zones[0];
      case 'none':
        return undefined;
    }
  };
  const defaults = NETWORK_TIER_DEFAULTS[tier];
  return {
    tier,
    vpcCidr: props.vpcCidr,
    natGateways,
    isolatedSubnets,
    vpcEndpoints: props.vpcEndpoints ?? defaults.vpcEndpoints,
    flowLogRetentionDays: props.flowLogRetentionDays ?? defaults.flowLogRetentionDays,
    zones: zones.map((zone, i) => ({
      availabilityZone: zone,
      publicCidr: cidrs.public[i],
      privateCidr: cidrs.private[i],
      ...(isolatedSubnets ? { isolatedCidr: cidrs.isolated?.[i] } : {}),
      hostsNatGateway: natZone(zone) === zone,
      natGatewayZone: natZone(zone),
    })),
  };
}
