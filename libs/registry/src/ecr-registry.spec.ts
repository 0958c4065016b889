import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import { EcrRegistry, type EcrRegistryProps } from './ecr-registry';
import type { LifecycleRule } from './lifecycle-policy';
import type { RegistryRepository } from './repositories';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const lifecycle = { untaggedExpiryDays: 14, keepReleaseImages: 30, protectedTagPrefixes: ['release-'] };
const repositories: RegistryRepository[] = [
  { name: 'sample-service', lifecycle, pullAccounts: ['210987654321', '456789012345'], pinnedTags: ['2026.11.24-5d3e9a1'] },
  { name: 'team/worker', lifecycle, pullAccounts: [], pinnedTags: [] },
];

function synth(props: Partial<EcrRegistryProps> = {}, replicaRegions: string[] = []): Resources {
  const json = Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'eu-central-1' });
    new EcrRegistry(scope, 'ecr', {
      accountId: '567890123456',
      region: 'eu-central-1',
      repositories,
      replicas: replicaRegions.map((region) => ({
        region,
        provider: new AwsProvider(scope, `aws-${region}`, { region, alias: `replica-${region}` }),
      })),
      ...props,
    });
  });
  return (JSON.parse(json) as { resource: Resources }).resource;
}

const values = (resources: Resources, type: string): Array<Record<string, unknown>> => Object.values(resources[type] ?? {});

describe('EcrRegistry', () => {
  it('creates one immutable, scanned, KMS-encrypted repository per declared repository, never force-deleted', () => {
    const resources = synth();
    const repos = resources.aws_ecr_repository;
    expect(Object.keys(repos).sort()).toEqual([
      expect.stringMatching(/^ecr_eu-central-1_sample-service_repository_[0-9A-F]{8}$/),
      expect.stringMatching(/^ecr_eu-central-1_team--worker_repository_[0-9A-F]{8}$/),
    ]);
    for (const repo of Object.values(repos)) {
      expect(repo).toMatchObject({
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        force_delete: false,
        encryption_configuration: [{ encryption_type: 'KMS', kms_key: expect.stringMatching(/^\$\{aws_kms_key\.ecr_eu-central-1_key_\w+\.arn\}$/) }],
      });
    }
    expect(values(resources, 'aws_ecr_repository').map((repo) => repo.name).sort()).toEqual(['sample-service', 'team/worker']);
  });

  it('encrypts with a customer managed key that rotates, administered by the registry account only', () => {
    const [key] = values(synth(), 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(JSON.parse(key.policy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::567890123456:root' }, Action: 'kms:*', Resource: '*' }],
    });
  });

  it('uses the AWS managed key when asked, and then creates no key', () => {
    const resources = synth({ encryption: 'aws-managed-key' });
    expect(resources.aws_kms_key).toBeUndefined();
    for (const repo of values(resources, 'aws_ecr_repository')) expect(repo.encryption_configuration).toEqual([{ encryption_type: 'KMS' }]);
  });

  it('gives every repository a valid lifecycle policy protecting its pinned tags', () => {
    const policies = values(synth(), 'aws_ecr_lifecycle_policy');
    expect(policies).toHaveLength(2);
    const sample = policies.find((p) => String(p.repository).includes('sample-service'));
    const rules = (JSON.parse(sample?.policy as string) as { rules: LifecycleRule[] }).rules;
    expect(rules.map((rule) => rule.selection.tagPrefixList ?? rule.selection.tagStatus)).toEqual([
      ['release-'],
      ['2026.11.24-5d3e9a1'],
      'untagged',
      'any',
    ]);
  });

  it('lets only the environment accounts pull, and adds no policy where no other account pulls', () => {
    const policies = values(synth(), 'aws_ecr_repository_policy');
    expect(policies).toHaveLength(1);
    expect(policies[0].repository).toMatch(/sample-service/);
    const statement = JSON.parse(policies[0].policy as string).Statement;
    expect(statement).toEqual([
      {
        Sid: 'AllowPullFromEnvironmentAccounts',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::456789012345:root'] },
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      },
    ]);
  });

  it('has no replication and no enhanced scanning unless asked', () => {
    const resources = synth();
    expect(resources.aws_ecr_replication_configuration).toBeUndefined();
    expect(resources.aws_ecr_registry_scanning_configuration).toBeUndefined();
  });

  it('turns on registry-level enhanced scanning for the declared repositories', () => {
    expect(values(synth({ enhancedScanning: true }), 'aws_ecr_registry_scanning_configuration')).toEqual([
      {
        scan_type: 'ENHANCED',
        rule: [
          {
            scan_frequency: 'CONTINUOUS_SCAN',
            repository_filter: [
              { filter: 'sample-service', filter_type: 'WILDCARD' },
              { filter: 'team/worker', filter_type: 'WILDCARD' },
            ],
          },
        ],
      },
    ]);
  });

  it('replicates to every listed region with one registry-wide configuration, after creating the replicas itself', () => {
    const resources = synth({}, ['eu-west-1', 'us-east-1']);
    const replication = values(resources, 'aws_ecr_replication_configuration');
    expect(replication).toHaveLength(1);
    expect(replication[0].replication_configuration).toEqual({
      rule: [
        {
          destination: [
            { region: 'eu-west-1', registry_id: '567890123456' },
            { region: 'us-east-1', registry_id: '567890123456' },
          ],
          repository_filter: [
            { filter: 'sample-service', filter_type: 'PREFIX_MATCH' },
            { filter: 'team/worker', filter_type: 'PREFIX_MATCH' },
          ],
        },
      ],
    });
    const replicas = Object.entries(resources.aws_ecr_repository).filter(([, repo]) => repo.provider === 'aws.replica-eu-west-1');
    expect(replicas.map(([address]) => address)).toEqual([
      expect.stringMatching(/^ecr_eu-west-1_sample-service_repository_/),
      expect.stringMatching(/^ecr_eu-west-1_team--worker_repository_/),
    ]);
    expect(replication[0].depends_on).toHaveLength(4);
    // Replicas carry the same settings: their own regional key, lifecycle and pull policy.
    expect(values(resources, 'aws_kms_key').map((key) => key.provider ?? 'default')).toEqual([
      'default',
      'aws.replica-eu-west-1',
      'aws.replica-us-east-1',
    ]);
    expect(values(resources, 'aws_ecr_lifecycle_policy')).toHaveLength(6);
    expect(values(resources, 'aws_ecr_repository_policy')).toHaveLength(3);
  });
});
