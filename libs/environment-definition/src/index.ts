export { AWS_REGIONS, CLOUDWATCH_LOG_RETENTION_DAYS, FARGATE_MEMORY_BY_CPU } from './aws-facts';
export type {
  CapacityStrategy,
  ComputeDefinition,
  ContainerHealthCheck,
  CpuArchitecture,
  Ec2Capacity,
  EgressRule,
  LoadBalancerDefinition,
  Routing,
  ServiceKind,
  SidecarDefinition,
  TargetHealthCheck,
  TaskRolePolicy,
  DnsDefinition,
  EnvironmentDefinition,
  ExplicitSubnets,
  ImageReference,
  NatGatewayStrategy,
  NetworkDefinition,
  AlarmSubscription,
  AlarmSubscriptionProtocol,
  MonitoringDefinition,
  ScalingPolicyKind,
  ScalingSchedule,
  ScalingTargets,
  ServiceDefinition,
  StateBackendDefinition,
  Tier,
} from './definition';
export { environmentSchema, RESERVED_TAG_KEYS } from './environment-schema';
export {
  cronProblem,
  hasPolicy,
  isLoadBalanced,
  isTimeZone,
  MAX_COOLDOWN_SECONDS,
  SCALING_DEFAULTS,
  SCALING_POLICY_FIELDS,
} from './scaling-schema';
export {
  COMPUTE_PRESETS,
  type ComputePresets,
  FARGATE_MAX_STOP_TIMEOUT,
  NETWORK_PRESETS,
  type NetworkPresets,
  SERVICE_DEFAULTS,
} from './presets';
export { containerImages, instanceArchitecture, listenerRulePriority, runsOnEc2, SECRET_LOOKING_NAME } from './compute-schema';
export {
  DEFINITION_FILE_NAME,
  DefinitionError,
  type FileProblem,
  findEnvironmentFiles,
  formatProblem,
  loadEnvironmentFile,
  type LoadResult,
  parseDefinition,
} from './load';
export { type FieldPath, formatPath, type Problem, type Schema } from './schema';
export {
  type BootstrapSettings,
  checkAcrossEnvironments,
  type LocatedEnvironment,
  platformSchema,
  type PlatformSettings,
} from './platform';
export {
  checkRegistryAgainstEnvironments,
  DEFAULT_LIFECYCLE,
  type LifecycleSettings,
  loadRegistryFile,
  type LocatedRegistry,
  REGISTRY_FILE,
  type RegistryCheckResult,
  type RegistryDefinition,
  type RegistryEncryption,
  registrySchema,
  type RepositoryDefinition,
} from './registry-definition';
