export { FlowLogs, type FlowLogsProps } from './flow-logs';
export { Network, type NetworkOutputs, type NetworkProps, type ZoneSubnetIds } from './network';
export { type NetworkPlan, type NetworkSource, planNetwork, type ZonePlan } from './network-plan';
export {
  ECS_EXEC_ENDPOINT_SERVICES,
  INTERFACE_ENDPOINT_SERVICES,
  VpcEndpoints,
  type VpcEndpointsProps,
} from './vpc-endpoints';
