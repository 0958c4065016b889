// The example of docs/registry.md ("Using it from TypeScript"), compiled and synthesized.
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Template } from '@ecs-platform/testing';
import { type App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { EcrRegistry, imageUri, type RegistryLocation } from './index';

function exampleStack(app: App): TerraformStack {
  // --- docs/registry.md example begins
  const stack = new TerraformStack(app, 'images');
  new AwsProvider(stack, 'aws', { region: 'eu-central-1', allowedAccountIds: ['567890123456'] });
  const ireland = new AwsProvider(stack, 'aws-eu-west-1', { region: 'eu-west-1', alias: 'replica-eu-west-1' });

  new EcrRegistry(stack, 'ecr', {
    accountId: '567890123456',
    region: 'eu-central-1',
    repositories: [
      // Another account pulls this one, and runs 1.4.2: the tag is kept whatever its age.
      { name: 'shop/api', pullAccounts: ['210987654321'], pinnedTags: ['1.4.2'], lifecycle: { protectedTagPrefixes: ['release-'] } },
      { name: 'shop/worker' }, // DEFAULT_LIFECYCLE, pulled by this account only
    ],
    replicas: [{ region: 'eu-west-1', provider: ireland }],
    accountSettings: 'managed', // this stack owns the account's replication configuration
  });

  // Pure: what a task in eu-west-1 runs, from the replica in its own region.
  const location: RegistryLocation = { accountId: '567890123456', region: 'eu-central-1', replicationRegions: ['eu-west-1'] };
  new TerraformOutput(stack, 'api_image', { value: imageUri(location, { repository: 'shop/api', tag: '1.4.2' }, 'eu-west-1') });
  // --- docs/registry.md example ends
  return stack;
}

describe('the TypeScript example of docs/registry.md', () => {
  it('synthesizes both regions, the replication and a pull policy for the other account', () => {
    const template = Template.fromStack(exampleStack(Testing.app()));
    template.resourceCountIs('aws_ecr_repository', 4);
    template.resourceCountIs('aws_ecr_replication_configuration', 1);
    expect(Object.keys(template.findResources('aws_ecr_repository_policy'))).toEqual([
      'ecr/eu-central-1/shop--api/pull-policy',
      'ecr/eu-west-1/shop--api/pull-policy',
    ]);
    template.hasOutput('api_image', { value: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.4.2' });
  });
});
