export { EcrRegistry, type EcrRegistryProps, type ReplicaRegion } from './ecr-registry';
export { imageUri, pullRegion, type RegistryLocation, registryHost } from './image-uri';
export { lifecyclePolicy, type LifecycleRule, lifecycleRules, PROTECTED_IMAGE_COUNT, protectedPrefixes } from './lifecycle-policy';
export { PULL_ACTIONS, pullPolicy } from './pull-policy';
export { deriveRepositories, type RegistryRepository } from './repositories';
