export { AWS_REGIONS, FARGATE_MEMORY_BY_CPU } from './aws-facts';
export type {
  DnsDefinition,
  EnvironmentDefinition,
  ExplicitSubnets,
  ImageReference,
  NatGatewayStrategy,
  NetworkDefinition,
  ScalingTargets,
  ServiceDefinition,
  StateBackendDefinition,
  Tier,
} from './definition';
export { environmentSchema, RESERVED_TAG_KEYS } from './environment-schema';
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
