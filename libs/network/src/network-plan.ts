import { planSubnets } from '@ecs-platform/cidr';
import { type EnvironmentDefinition, NETWORK_PRESETS } from '@ecs-platform/environment-definition';

/** The parts of an environment definition the network is built from. */
export type NetworkSource = Pick<
  EnvironmentDefinition,
  'name' | 'tier' | 'accountId' | 'region' | 'availabilityZones' | 'network'
>;

/** One availability zone's share of the network. */
export interface ZonePlan {
  readonly availabilityZone: string;
  readonly publicCidr: string;
  readonly privateCidr: string;
  /** Undefined when the definition has no isolated tier. */
  readonly isolatedCidr?: string;
  /** True when this zone hosts a NAT gateway. */
  readonly hostsNatGateway: boolean;
  /** The zone whose NAT gateway this zone's private subnet routes through; undefined: no NAT. */
  readonly natGatewayZone?: string;
}

/** Everything the definition decides about the network, with tier presets applied. */
export interface NetworkPlan {
  readonly vpcCidr: string;
  readonly zones: readonly ZonePlan[];
  readonly isolatedSubnets: boolean;
  readonly vpcEndpoints: boolean;
  readonly flowLogRetentionDays: number;
}

/**
 * Resolves the definition into a plan: explicit subnets when given, else the derived plan
 * (by zone letter, so adding, removing or reordering zones never renumbers another's subnets). A single NAT gateway
 * lives in the first AZ, so it keeps its address when AZs are appended or when the
 * environment later moves to one per AZ.
 */
export function planNetwork(source: NetworkSource): NetworkPlan {
  const { network, availabilityZones: zones, tier } = source;
  const isolatedSubnets = network.isolatedSubnets ?? false;
  const cidrs = network.subnets ?? planSubnets(network.vpcCidr, zones);
  for (const tierName of ['public', 'private'] as const) {
    if (cidrs[tierName].length !== zones.length) {
      throw new Error(`network.subnets.${tierName} lists ${cidrs[tierName].length} subnets for ${zones.length} availability zones`);
    }
  }
  if (isolatedSubnets && cidrs.isolated?.length !== zones.length) {
    throw new Error(`network.subnets.isolated must list one subnet per availability zone when isolatedSubnets is true`);
  }
  const natZone = (zone: string): string | undefined => {
    switch (network.natGateways) {
      case 'one-per-az':
        return zone;
      case 'single':
        return zones[0];
      case 'none':
        return undefined;
    }
  };
  const presets = NETWORK_PRESETS[tier];
  return {
    vpcCidr: network.vpcCidr,
    isolatedSubnets,
    vpcEndpoints: network.vpcEndpoints ?? presets.vpcEndpoints,
    flowLogRetentionDays: network.flowLogRetentionDays ?? presets.flowLogRetentionDays,
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
