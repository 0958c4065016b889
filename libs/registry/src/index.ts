export {
  checkAccountSettings,
  checkEcrRegistryProps,
  checkImageReference,
  checkLifecycle,
  checkReplicationRegions,
  checkRepositories,
  checkRepositoryName,
  LIFECYCLE_LIMITS,
  REPOSITORY_NAME_PATTERN,
} from './checks';
export { EcrRegistry } from './ecr-registry';
export { imageUri, pullRegion, registryHost } from './image-uri';
export { lifecyclePolicy, type LifecycleRule, lifecycleRules, PROTECTED_IMAGE_COUNT, protectedPrefixes } from './lifecycle-policy';
export { type EcrRegistryProps, type ReplicaRegion } from './props';
export { PULL_ACTIONS, pullPolicy } from './pull-policy';
export { type RegistryRepository } from './repositories';
export {
  type AccountSettings,
  DEFAULT_LIFECYCLE,
  type ImageReference,
  type LifecycleSettings,
  type RegistryEncryption,
  type RegistryLocation,
  resolveLifecycle,
} from './types';
