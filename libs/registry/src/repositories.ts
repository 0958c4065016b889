import type { LifecycleSettings } from './types';

/** One repository with what the workloads need from it. */
export interface RegistryRepository {
  /** ECR repository name, for example `sample-service` or `team/worker`. */
  readonly name: string;
  /** @default DEFAULT_LIFECYCLE: untagged images expire after 14 days, the newest 30 images stay */
  readonly lifecycle?: LifecycleSettings;
  /**
   * Accounts other than the registry's that pull from it; each gets the pull actions through
   * the repository policy. @default []: no repository policy
   */
  readonly pullAccounts?: readonly string[];
  /** Tags that workloads pin (and so run); they are protected from expiry. @default [] */
  readonly pinnedTags?: readonly string[];
}
