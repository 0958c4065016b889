import type { EnvironmentDefinition, PlatformSettings, RegistryDefinition } from '@ecs-platform/environment-definition';
import { EcrRegistry } from '@ecs-platform/image-registry';
import { stateKey, useRemoteState } from '@ecs-platform/state-backend';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAwsProvider } from './aws-provider';
import { ecrRegistryProps } from './definition-adapter';
import { standardTags } from './tags';
import { REGISTRY_STACK } from './workspace';

/** Name of the registry stack, its state key's stack segment and its Nx project. */
export { REGISTRY_STACK };

export interface RegistryStackProps {
  readonly settings: PlatformSettings;
  readonly registry: RegistryDefinition;
  /** Every environment: which accounts pull and which tags run are derived from them. */
  readonly environments: readonly EnvironmentDefinition[];
}

/** The provider alias of a replica region, `replica-eu-west-1`. */
export function replicaProviderAlias(region: string): string {
  return `replica-${region}`;
}

/** The shared ECR registry (layer 5), in its own account and region, with its own state. */
export class RegistryStack extends TerraformStack {
  readonly registry: EcrRegistry;

  constructor(scope: Construct, props: RegistryStackProps) {
    const { settings, registry } = props;
    super(scope, REGISTRY_STACK);
    const provider = {
      accountId: registry.accountId,
      roleArn: registry.deployRoleArn,
      sessionName: `${settings.project}-${REGISTRY_STACK}`,
      tags: standardTags(settings, REGISTRY_STACK, registry.tags),
    };
    addAwsProvider(this, { ...provider, region: registry.region });
    useRemoteState(this, {
      ...registry.stateBackend,
      key: stateKey(settings.project, REGISTRY_STACK),
      accountId: registry.accountId,
      roleArn: registry.deployRoleArn,
    });
    this.registry = new EcrRegistry(
      this,
      'ecr',
      ecrRegistryProps(registry, props.environments, (region) => addAwsProvider(this, { ...provider, region, alias: replicaProviderAlias(region) })),
    );
    new TerraformOutput(this, 'repository_urls', {
      description: 'Repository URLs by region, then repository name',
      value: this.registry.repositoryUrls,
    });
  }
}
