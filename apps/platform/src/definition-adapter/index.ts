/**
 * The one place where an environment definition (the YAML, with its tier presets) becomes the
 * layer libraries' props. The libraries never read the definition (docs/design.md decision 9):
 * everything a definition decides is mapped here, one file per layer, and everything a
 * construct decides (its defaults, its tier's strictness, its checks) stays in the construct.
 */
export { type ComputeDefinition, ComputeFromDefinition, type ComputeFromDefinitionProps, type ComputeOutputs, type ServiceOutputs } from './compute';
export { networkProps } from './network';
export { deriveRepositories, ecrRegistryProps, registryLocation, serviceImages } from './registry';
export { type ScalingDefinition, ScalingFromDefinition, type ScalingFromDefinitionProps, type ServiceScalingLayer } from './scaling';
