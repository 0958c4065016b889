export {
  checkAvailabilityZones,
  checkFlowLogRetention,
  checkFlowLogsProps,
  checkIsolatedSubnets,
  checkNatGateways,
  type NetworkCheckOptions,
  checkNetworkProps,
  checkSubnetCidrs,
  checkWorkloadEgress,
} from './checks';
export { FlowLogs, type FlowLogsProps } from './flow-logs';
export { Network, type NetworkOutputs, type NetworkZone, type SubnetsByTier, type ZoneSubnetIds } from './network';
export { type NetworkPlan, planNetwork, type ZonePlan } from './network-plan';
export { type ExplicitSubnets, type NatGatewayStrategy, type NetworkProps } from './props';
export {
  DEFAULT_NAT_GATEWAYS,
  DEFAULT_NETWORK_TIER,
  MIN_AVAILABILITY_ZONES,
  NETWORK_TIER_DEFAULTS,
  type NetworkTierDefaults,
} from './tier-defaults';
export {
  ECS_EXEC_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
  VpcEndpoints,
  type VpcEndpointsProps,
} from './vpc-endpoints';
