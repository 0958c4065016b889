import type { ImageReference, RegistryLocation } from './types';

/** The registry host of an account and region: `<account>.dkr.ecr.<region>.amazonaws.com`. */
export function registryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/**
 * The region a workload in `workloadRegion` pulls from: its own region when the registry is
 * there or replicates there (no cross-region transfer, and it keeps working when the
 * registry's home region is down), else the registry's home region.
 */
export function pullRegion(registry: RegistryLocation, workloadRegion?: string): string {
  if (workloadRegion && (registry.replicationRegions ?? []).includes(workloadRegion)) return workloadRegion;
  return registry.region;
}

/**
 * The full image URI of a pinned image, `<host>/<repository>@<digest>` or `<host>/<repository>:<tag>`.
 * Pure: no data source and no AWS call, so every environment plans offline (docs/design.md decision 3).
 * A digest wins over a tag when both are given (validation allows only one).
 */
export function imageUri(registry: RegistryLocation, image: ImageReference, workloadRegion?: string): string {
  const host = registryHost(registry.accountId, pullRegion(registry, workloadRegion));
  if (image.digest) return `${host}/${image.repository}@${image.digest}`;
  if (image.tag) return `${host}/${image.repository}:${image.tag}`;
  throw new Error(`image of repository "${image.repository}" is not pinned: give a tag or a digest`);
}
