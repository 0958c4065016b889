/**
 * The network's tier defaults belong to the Network construct (`NETWORK_TIER_DEFAULTS` of
 * `@ecs-platform/network`), which applies them itself; the old names stay for callers.
 */
export { NETWORK_TIER_DEFAULTS as NETWORK_PRESETS, type NetworkTierDefaults as NetworkPresets } from '@ecs-platform/network';

/**
 * Compute's tier defaults and service defaults belong to libs/compute (`COMPUTE_TIER_DEFAULTS`,
 * `SERVICE_DEFAULTS`, `FARGATE_MAX_STOP_TIMEOUT` of `@ecs-platform/compute`), whose constructs
 * apply them themselves; the old names stay for callers.
 */
export {
  COMPUTE_TIER_DEFAULTS as COMPUTE_PRESETS,
  type ComputeTierDefaults as ComputePresets,
  FARGATE_MAX_STOP_TIMEOUT,
  SERVICE_DEFAULTS,
} from '@ecs-platform/compute';
