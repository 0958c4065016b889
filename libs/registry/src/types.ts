/** The registry's own vocabulary; the environment definition uses these types too. */

/** An image pinned by immutable tag or digest; never `latest`, never unpinned (docs/design.md decision 5). */
export interface ImageReference {
  /** ECR repository name, for example `sample-service`. */
  readonly repository: string;
  /** Immutable release tag. Exactly one of `tag` and `digest`. */
  readonly tag?: string;
  /** Image digest, `sha256:` and 64 hex digits. Exactly one of `tag` and `digest`. */
  readonly digest?: string;
}

/** How long a repository keeps images (its ECR lifecycle policy). */
export interface LifecycleSettings {
  /** Untagged images (failed or superseded pushes) expire this many days after their push; 1 to 3650. @default 14 */
  readonly untaggedExpiryDays?: number;
  /**
   * Tagged images beyond the newest N are expired; 1 to 10000. N counts every image,
   * protected ones included, but protected images are never expired. @default 30
   */
  readonly keepReleaseImages?: number;
  /**
   * Images with a tag starting with one of these are never expired. Tags that environments
   * pin are protected as well, without being listed here. @default []
   */
  readonly protectedTagPrefixes?: readonly string[];
}

/** The lifecycle of a repository that says nothing. */
export const DEFAULT_LIFECYCLE: Required<LifecycleSettings> = {
  untaggedExpiryDays: 14,
  keepReleaseImages: 30,
  protectedTagPrefixes: [],
};

/** `settings` with every field it leaves out taken from DEFAULT_LIFECYCLE. */
export function resolveLifecycle(settings: LifecycleSettings = {}): Required<LifecycleSettings> {
  return {
    untaggedExpiryDays: settings.untaggedExpiryDays ?? DEFAULT_LIFECYCLE.untaggedExpiryDays,
    keepReleaseImages: settings.keepReleaseImages ?? DEFAULT_LIFECYCLE.keepReleaseImages,
    protectedTagPrefixes: settings.protectedTagPrefixes ?? DEFAULT_LIFECYCLE.protectedTagPrefixes,
  };
}

/** How repositories are encrypted at rest: one KMS key of ours per region, or the `aws/ecr` key. */
export type RegistryEncryption = 'customer-managed-key' | 'aws-managed-key';

/**
 * Who owns the account-wide ECR settings (the replication configuration and the registry
 * scanning configuration, one each per account and region): `managed`, this registry writes
 * them, replacing what the account had; `external`, they are managed elsewhere.
 */
export type AccountSettings = 'managed' | 'external';

/** What image resolution needs to know about the registry. */
export interface RegistryLocation {
  /** The account holding the registry. */
  readonly accountId: string;
  /** The region images are pushed to. */
  readonly region: string;
  /** Regions the registry replicates to. @default [] */
  readonly replicationRegions?: readonly string[];
}
