import {
  containerImages,
  type EnvironmentDefinition,
  type LifecycleSettings,
  type RegistryDefinition,
} from '@ecs-platform/environment-definition';

/** One repository with what the environments need from it. */
export interface RegistryRepository {
  readonly name: string;
  readonly lifecycle: LifecycleSettings;
  /** Accounts other than the registry's that pull from it, sorted. */
  readonly pullAccounts: readonly string[];
  /** Tags that environments pin (and so run); they are protected from expiry. Sorted. */
  readonly pinnedTags: readonly string[];
}

/**
 * Derives each repository's pull accounts and pinned tags from the environments that use it,
 * so that there is no second list to keep in sync (docs/design.md decision 5: one owner per fact).
 * The registry's own account is left out of the pull accounts: same-account pulls need no
 * repository policy.
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
