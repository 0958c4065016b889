import type { TerraformProvider } from 'cdktf';
import type { RegistryRepository } from './repositories';
import type { AccountSettings, RegistryEncryption } from './types';

/** A region the registry replicates to, with the provider configured for that region. */
export interface ReplicaRegion {
  /** Another region than the registry's own. */
  readonly region: string;
  readonly provider: TerraformProvider;
}

export interface EcrRegistryProps {
  /** The account holding the registry. */
  readonly accountId: string;
  /** The region images are pushed to (the scope's default provider's region). */
  readonly region: string;
  /** At least one; names unique. */
  readonly repositories: readonly RegistryRepository[];
  /** Regions every repository is replicated to; not the home region, none twice. @default [] */
  readonly replicas?: readonly ReplicaRegion[];
  /** Registry-level enhanced scanning (Amazon Inspector, continuous). @default false: basic scan on push */
  readonly enhancedScanning?: boolean;
  /** @default 'customer-managed-key' */
  readonly encryption?: RegistryEncryption;
  /**
   * Whether this registry writes the account-wide replication and scanning configurations of
   * its region (`managed`, replacing what the account had) or leaves them to their owner
   * (`external`). Required as soon as `replicas` or `enhancedScanning` needs one of them, so
   * that nobody replaces another team's settings by leaving it out.
   * @default none: nothing account-wide is written (refused with replicas or enhanced scanning)
   */
  readonly accountSettings?: AccountSettings;
}
