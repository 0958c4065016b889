import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRegistryScanningConfiguration } from '@cdktf/provider-aws/lib/ecr-registry-scanning-configuration';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrRepositoryPolicy } from '@cdktf/provider-aws/lib/ecr-repository-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { accountRootArn } from '@ecs-platform/aws-names';
import { assertValidProps } from '@ecs-platform/construct-props';
import { policyDocument } from '@ecs-platform/iam-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { checkEcrRegistryProps } from './checks';
import { lifecyclePolicy } from './lifecycle-policy';
import type { EcrRegistryProps } from './props';
import { pullPolicy } from './pull-policy';
import type { RegistryRepository } from './repositories';
import type { RegistryEncryption } from './types';

/**
 * A private ECR registry: per region (home and replicas) a KMS key and, per repository, an
 * immutable, scanned, encrypted repository with its lifecycle policy and pull policy; one
 * registry-wide replication configuration; optionally enhanced scanning. Its props are
 * checked in the constructor (`checkEcrRegistryProps`).
 *
 * Construct ids: `<region>/<repository>/...`, so adding a repository or a replica region never
 * renames an existing resource (docs/design.md decision 7).
 */
export class EcrRegistry extends Construct {
  /** Repository URLs by region, then repository name. */
  readonly repositoryUrls: Record<string, Record<string, string>> = {};
  /** The repositories by region, then repository name (to grant on, or to reference their ARNs). */
  readonly repositories: Record<string, Record<string, EcrRepository>> = {};
  /** The registry-wide replication configuration; undefined without replicas or with external account settings. */
  readonly replication?: EcrReplicationConfiguration;
  /** The registry-wide enhanced scanning configuration; undefined unless enhanced scanning is on and managed here. */
  readonly scanning?: EcrRegistryScanningConfiguration;

  constructor(scope: Construct, id: string, props: EcrRegistryProps) {
    super(scope, id);
    assertValidProps(this, checkEcrRegistryProps(props));
    const encryption = props.encryption ?? 'customer-managed-key';
    const home = new RegionalRepositories(this, props.region, { ...props, encryption });
    this.repositoryUrls[props.region] = home.urls;
    this.repositories[props.region] = home.byName;
    const replicas = (props.replicas ?? []).map((replica) => {
      const regional = new RegionalRepositories(this, replica.region, {
        ...props,
        encryption,
        region: replica.region,
        provider: replica.provider,
      });
      this.repositoryUrls[replica.region] = regional.urls;
      this.repositories[replica.region] = regional.byName;
      return { region: replica.region, repositories: regional.repositories };
    });

    // Without accountSettings the checks allow neither replicas nor enhanced scanning.
    const managed = props.accountSettings === 'managed';
    if (replicas.length > 0 && managed) {
      // Registry-wide (one per account and region). It depends on the replica repositories:
      // a replication running first would create them itself, without our settings, and
      // Terraform could then not create them.
      this.replication = new EcrReplicationConfiguration(this, 'replication', {
        replicationConfiguration: {
          rule: [
            {
              destination: replicas.map((replica) => ({ region: replica.region, registryId: props.accountId })),
              repositoryFilter: props.repositories.map((repo) => ({ filter: repo.name, filterType: 'PREFIX_MATCH' })),
            },
          ],
        },
        dependsOn: replicas.flatMap((replica) => replica.repositories),
      });
    }

    if (props.enhancedScanning && managed) {
      // Registry-level and exclusive: with ENHANCED, the repositories' scan_on_push is ignored
      // and Amazon Inspector scans on push and again whenever new vulnerabilities are published.
      this.scanning = new EcrRegistryScanningConfiguration(this, 'scanning', {
        scanType: 'ENHANCED',
        rule: [
          {
            scanFrequency: 'CONTINUOUS_SCAN',
            repositoryFilter: props.repositories.map((repo) => ({ filter: repo.name, filterType: 'WILDCARD' })),
          },
        ],
      });
    }
  }
}

interface RegionalProps {
  readonly accountId: string;
  readonly region: string;
  readonly repositories: readonly RegistryRepository[];
  readonly encryption: RegistryEncryption;
  /** @default the scope's default provider */
  readonly provider?: TerraformProvider;
}

/** The repositories of one region; a KMS key must live in the region of what it encrypts. */
class RegionalRepositories extends Construct {
  readonly repositories: EcrRepository[] = [];
  readonly byName: Record<string, EcrRepository> = {};
  readonly urls: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: RegionalProps) {
    super(scope, id);
    const { provider } = props;
    let kmsKey: string | undefined;
    if (props.encryption === 'customer-managed-key') {
      const key = new KmsKey(this, 'key', {
        provider,
        description: `Encrypts the ECR repositories in ${props.region}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        // The key policy AWS documents for ECR: the account administers the key through IAM.
        // Pulls, including cross-account ones, need no key grant of their own: ECR decrypts
        // through the KMS grant it creates on the key for each repository.
        policy: policyDocument([
          {
            Sid: 'EnableIamPolicies',
            Effect: 'Allow',
            Principal: { AWS: accountRootArn(props.accountId) },
            Action: 'kms:*',
            Resource: '*',
          },
        ]),
      });
      new KmsAlias(this, 'key-alias', { provider, name: 'alias/ecr-registry', targetKeyId: key.keyId });
      kmsKey = key.arn;
    }

    for (const repo of props.repositories) {
      const scopeOfRepo = new Construct(this, repo.name);
      const repository = new EcrRepository(scopeOfRepo, 'repository', {
        provider,
        name: repo.name,
        // A tag, once pushed, always names the same image: a pin in git means one image.
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [kmsKey ? { encryptionType: 'KMS', kmsKey } : { encryptionType: 'KMS' }],
        // Deleting a repository that still holds images needs a deliberate manual step.
        forceDelete: false,
      });
      this.repositories.push(repository);
      this.byName[repo.name] = repository;
      this.urls[repo.name] = repository.repositoryUrl;
      new EcrLifecyclePolicy(scopeOfRepo, 'lifecycle-policy', {
        provider,
        repository: repository.name,
        policy: lifecyclePolicy(repo.lifecycle ?? {}, repo.pinnedTags),
      });
      const policy = pullPolicy(props.accountId, repo.pullAccounts ?? []);
      if (policy) {
        new EcrRepositoryPolicy(scopeOfRepo, 'pull-policy', { provider, repository: repository.name, policy });
      }
    }
  }
}
