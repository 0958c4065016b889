/**
 * Layer 2 from the definition: the `network` section and the environment's name, account,
 * region, zones and tier become the Network's props. The tier's defaults are applied by the
 * Network itself (`NETWORK_TIER_DEFAULTS`), so nothing here fills them in.
 */
import type { EnvironmentDefinition } from '@ecs-platform/environment-definition';
import type { NetworkProps } from '@ecs-platform/network';

export function networkProps(definition: EnvironmentDefinition): NetworkProps {
  const { network } = definition;
  return {
    name: definition.name,
    tier: definition.tier,
    accountId: definition.accountId,
    region: definition.region,
    availabilityZones: definition.availabilityZones,
    vpcCidr: network.vpcCidr,
    natGateways: network.natGateways,
    subnets: network.subnets,
    isolatedSubnets: network.isolatedSubnets,
    vpcEndpoints: network.vpcEndpoints,
    flowLogRetentionDays: network.flowLogRetentionDays,
    // Compute owns ECS Exec; the network adds the ssmmessages endpoint for it.
    ecsExec: definition.compute?.ecsExec ?? false,
  };
}
