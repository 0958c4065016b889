import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { InvalidPropsError } from '@ecs-platform/construct-props';
import { Match, Template, testStack } from '@ecs-platform/testing';
import type { TerraformStack } from 'cdktf';
import { EcrRegistry } from './ecr-registry';
import type { LifecycleRule } from './lifecycle-policy';
import type { EcrRegistryProps } from './props';
import type { RegistryRepository } from './repositories';

const lifecycle = { untaggedExpiryDays: 14, keepReleaseImages: 30, protectedTagPrefixes: ['release-'] };
const repositories: RegistryRepository[] = [
  { name: 'sample-service', lifecycle, pullAccounts: ['210987654321', '456789012345'], pinnedTags: ['2026.11.24-5d3e9a1'] },
  { name: 'team/worker', lifecycle },
];

/** A stack with the home provider and one aliased provider per replica region. */
function registryStack(props: Partial<EcrRegistryProps> = {}, replicaRegions: string[] = []): { stack: TerraformStack; registry: EcrRegistry } {
  const stack = testStack('test');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1' });
  const registry = new EcrRegistry(stack, 'ecr', {
    accountId: '567890123456',
    region: 'eu-central-1',
    repositories,
    replicas: replicaRegions.map((region, i) => ({
      region,
      provider: new AwsProvider(stack, `aws-${region}-${i}`, { region, alias: `replica-${region}` }),
    })),
    ...props,
  });
  return { stack, registry };
}

const synth = (props: Partial<EcrRegistryProps> = {}, replicaRegions: string[] = []): Template =>
  Template.fromStack(registryStack(props, replicaRegions).stack);

function messages(props: Partial<EcrRegistryProps>, replicaRegions: string[] = []): string {
  try {
    registryStack(props, replicaRegions);
  } catch (error) {
    if (error instanceof InvalidPropsError) return error.message;
    throw error;
  }
  throw new Error('the props were accepted');
}

describe('EcrRegistry', () => {
  it('creates one immutable, scanned, KMS-encrypted repository per declared repository, never force-deleted', () => {
    const template = synth();
    expect(Object.keys(template.findResources('aws_ecr_repository')).sort()).toEqual([
      'ecr/eu-central-1/sample-service/repository',
      'ecr/eu-central-1/team--worker/repository',
    ]);
    const key = template.ref('aws_kms_key', 'ecr/eu-central-1/key', 'arn');
    for (const [path, name] of [['ecr/eu-central-1/sample-service/repository', 'sample-service'], ['ecr/eu-central-1/team--worker/repository', 'team/worker']]) {
      template.resourceMatches('aws_ecr_repository', path, {
        name,
        image_tag_mutability: 'IMMUTABLE',
        image_scanning_configuration: { scan_on_push: true },
        force_delete: false,
        encryption_configuration: [{ encryption_type: 'KMS', kms_key: key }],
      });
    }
  });

  it('encrypts with a customer managed key (the default) that rotates, administered by the registry account only', () => {
    synth().resourceMatches('aws_kms_key', 'ecr/eu-central-1/key', {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: Match.serializedJson({
        Version: '2012-10-17',
        Statement: [{ Sid: 'EnableIamPolicies', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::567890123456:root' }, Action: 'kms:*', Resource: '*' }],
      }),
    });
  });

  it('uses the AWS managed key when asked, and then creates no key', () => {
    const template = synth({ encryption: 'aws-managed-key' });
    template.resourceCountIs('aws_kms_key', 0);
    expect(Object.keys(template.findResources('aws_ecr_repository', { encryption_configuration: [Match.exact({ encryption_type: 'KMS' })] }))).toHaveLength(2);
  });

  it('gives every repository a valid lifecycle policy protecting its pinned tags', () => {
    const template = synth();
    template.resourceCountIs('aws_ecr_lifecycle_policy', 2);
    const policy = template.resource('aws_ecr_lifecycle_policy', 'ecr/eu-central-1/sample-service/lifecycle-policy').policy as string;
    const rules = (JSON.parse(policy) as { rules: LifecycleRule[] }).rules;
    expect(rules.map((rule) => rule.selection.tagPrefixList ?? rule.selection.tagStatus)).toEqual([
      ['release-'],
      ['2026.11.24-5d3e9a1'],
      'untagged',
      'any',
    ]);
  });

  it('applies the default lifecycle to a repository that names none', () => {
    const template = synth({ repositories: [{ name: 'plain' }] });
    template.resourceMatches('aws_ecr_lifecycle_policy', 'ecr/eu-central-1/plain/lifecycle-policy', {
      policy: Match.serializedJson({
        rules: [
          Match.objectLike({ rulePriority: 1, selection: Match.objectLike({ tagStatus: 'untagged', countNumber: 14 }) }),
          Match.objectLike({ rulePriority: 2, selection: Match.objectLike({ tagStatus: 'any', countNumber: 30 }) }),
        ],
      }),
    });
    template.resourceCountIs('aws_ecr_repository_policy', 0);
  });

  it('lets only the other accounts pull, and adds no policy where no other account pulls', () => {
    const template = synth();
    expect(Object.keys(template.findResources('aws_ecr_repository_policy'))).toEqual(['ecr/eu-central-1/sample-service/pull-policy']);
    template.resourceMatches('aws_ecr_repository_policy', 'ecr/eu-central-1/sample-service/pull-policy', {
      policy: Match.serializedJson({
        Statement: [
          {
            Sid: 'AllowPullFromEnvironmentAccounts',
            Effect: 'Allow',
            Principal: { AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::456789012345:root'] },
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          },
        ],
      }),
    });
  });

  it('has no replication and no enhanced scanning unless asked', () => {
    const { stack, registry } = registryStack();
    const template = Template.fromStack(stack);
    template.resourceCountIs('aws_ecr_replication_configuration', 0);
    template.resourceCountIs('aws_ecr_registry_scanning_configuration', 0);
    expect(registry.replication).toBeUndefined();
    expect(registry.scanning).toBeUndefined();
  });

  it('turns on registry-level enhanced scanning for the declared repositories', () => {
    synth({ enhancedScanning: true, accountSettings: 'managed' }).resourceMatches('aws_ecr_registry_scanning_configuration', 'ecr/scanning', {
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
    });
  });

  it('replicates to every listed region with one registry-wide configuration, after creating the replicas itself', () => {
    const template = synth({ accountSettings: 'managed' }, ['eu-west-1', 'us-east-1']);
    template.resourceCountIs('aws_ecr_replication_configuration', 1);
    const replication = template.resource('aws_ecr_replication_configuration', 'ecr/replication');
    expect(replication.replication_configuration).toEqual({
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
    expect(Object.keys(template.findResources('aws_ecr_repository', { provider: 'aws.replica-eu-west-1' }))).toEqual([
      'ecr/eu-west-1/sample-service/repository',
      'ecr/eu-west-1/team--worker/repository',
    ]);
    expect(replication.depends_on).toEqual(
      ['eu-west-1', 'us-east-1'].flatMap((region) =>
        ['sample-service', 'team--worker'].map((repo) => template.address('aws_ecr_repository', `ecr/${region}/${repo}/repository`)),
      ),
    );
    // Replicas carry the same settings: their own regional key, lifecycle and pull policy.
    expect(template.resources('aws_kms_key').map((key) => key.config.provider ?? 'default')).toEqual([
      'default',
      'aws.replica-eu-west-1',
      'aws.replica-us-east-1',
    ]);
    template.resourceCountIs('aws_ecr_lifecycle_policy', 6);
    template.resourceCountIs('aws_ecr_repository_policy', 3);
  });

  it('writes no account-wide setting when they are external, and still creates the replicas', () => {
    const template = synth({ accountSettings: 'external', enhancedScanning: true }, ['eu-west-1']);
    template.resourceCountIs('aws_ecr_replication_configuration', 0);
    template.resourceCountIs('aws_ecr_registry_scanning_configuration', 0);
    template.resourceCountIs('aws_ecr_repository', 4);
  });

  it('exposes the repositories by region and name', () => {
    const { registry } = registryStack({ accountSettings: 'managed' }, ['eu-west-1']);
    expect(Object.keys(registry.repositories)).toEqual(['eu-central-1', 'eu-west-1']);
    expect(Object.keys(registry.repositories['eu-west-1'])).toEqual(['sample-service', 'team/worker']);
    expect(registry.repositories['eu-central-1']['team/worker'].node.path).toBe('test/ecr/eu-central-1/team--worker/repository');
    expect(registry.replication).toBeDefined();
  });
});

describe('EcrRegistry: refused props', () => {
  it('needs accountSettings as soon as replication or enhanced scanning touches the account-wide settings', () => {
    expect(messages({ enhancedScanning: true }, ['eu-west-1'])).toBe(
      'test/ecr: invalid prop\n  (props): needs "accountSettings": replication and enhanced scanning use account-wide ECR settings (one per account and region); "managed" lets this stack replace them, "external" leaves them to whoever manages them now',
    );
  });

  it('lists every problem: replicas of the home region or twice, repository names, lifecycles', () => {
    expect(
      messages(
        {
          accountSettings: 'managed',
          repositories: [
            { name: 'sample-service', lifecycle: { untaggedExpiryDays: 0, keepReleaseImages: 20000, protectedTagPrefixes: ['v', 'v', '-x'] } },
            { name: 'Sample' },
            { name: 'sample-service' },
            { name: 'a' },
          ],
        },
        ['eu-central-1', 'eu-west-1', 'eu-west-1'],
      ),
    ).toBe(
      [
        'test/ecr: 9 invalid props',
        '  repositories[0].lifecycle.untaggedExpiryDays: must be between 1 and 3650 days, got 0',
        '  repositories[0].lifecycle.keepReleaseImages: must be between 1 and 10000 images, got 20000',
        '  repositories[0].lifecycle.protectedTagPrefixes[1]: "v" is listed twice',
        '  repositories[0].lifecycle.protectedTagPrefixes[2]: "-x" must be the start of a Docker tag (letters, digits, _ . -)',
        '  repositories[1].name: "Sample" must be an ECR repository name (lowercase letters, digits, . _ - and /)',
        '  repositories[2].name: "sample-service" is already the name of repositories[0]',
        '  repositories[3].name: must be at least 2 characters long',
        '  replicas[0].region: "eu-central-1" is the registry\'s own region; list only other regions',
        '  replicas[2].region: "eu-west-1" is listed twice',
      ].join('\n'),
    );
  });

  it('needs a repository', () => {
    expect(messages({ repositories: [] })).toBe('test/ecr: invalid prop\n  repositories: must list at least 1, got 0');
  });
});
