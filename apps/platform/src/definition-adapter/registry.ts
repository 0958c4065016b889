/**
 * Layer 5 from the definitions: `registry/registry.yaml` and every environment become the
 * EcrRegistry's props. Which accounts pull a repository and which tags run are derived from
 * the environments, so that there is no second list to keep in sync (docs/design.md decision 5).
 */
import { containerImages, type EnvironmentDefinition, type RegistryDefinition } from '@ecs-platform/environment-definition';
import { type EcrRegistryProps, imageUri, type RegistryLocation, type RegistryRepository } from '@ecs-platform/image-registry';
import type { TerraformProvider } from 'cdktf';

/**
 * Each repository with the accounts that pull it and the tags they pin, from the environments
 * that use it. The registry's own account is left out of the pull accounts: same-account
 * pulls need no repository policy.
 */
export function deriveRepositories(
  registry: RegistryDefinition,
  environments: readonly EnvironmentDefinition[],
): RegistryRepository[] {
  return registry.repositories.map((repo) => {
    const users = environments.flatMap((env) =>
      // Sidecars' images included: they are pulled with the same roles and pinned the same way.
      containerImages(env).filter(({ image }) => image.repository === repo.name).map(({ image }) => ({ env, image })),
    );
    const pullAccounts = new Set(users.map(({ env }) => env.accountId).filter((account) => account !== registry.accountId));
    const pinnedTags = new Set(users.flatMap(({ image }) => (image.tag ? [image.tag] : [])));
    return {
      name: repo.name,
      lifecycle: repo.lifecycle,
      pullAccounts: [...pullAccounts].sort(),
      pinnedTags: [...pinnedTags].sort(),
    };
  });
}

/**
 * The image each service of an environment runs, by service name: its pin in the definition,
 * pulled from the shared registry (from a replica in the environment's region when there is
 * one). Empty without a registry (then compute pulls from the environment's own account).
 */
export function serviceImages(definition: EnvironmentDefinition, registry: RegistryDefinition | undefined): Record<string, string> {
  if (!registry) return {};
  return Object.fromEntries(definition.services.map((svc) => [svc.name, imageUri(registryLocation(registry), svc.image, definition.region)]));
}

/** Where images are pulled from, for `imageUri`. */
export function registryLocation(registry: RegistryDefinition): RegistryLocation {
  return { accountId: registry.accountId, region: registry.region, replicationRegions: registry.replicationRegions };
}

/**
 * The registry's props. `replicaProvider` gives the provider of a replica region (the stack
 * creates it, aliased), called once per region in `replicationRegions` order.
 */
export function ecrRegistryProps(
  registry: RegistryDefinition,
  environments: readonly EnvironmentDefinition[],
  replicaProvider: (region: string) => TerraformProvider,
): EcrRegistryProps {
  return {
    accountId: registry.accountId,
    region: registry.region,
    repositories: deriveRepositories(registry, environments),
    replicas: registry.replicationRegions.map((region) => ({ region, provider: replicaProvider(region) })),
    enhancedScanning: registry.enhancedScanning,
    encryption: registry.encryption,
    accountSettings: registry.accountSettings,
  };
}
