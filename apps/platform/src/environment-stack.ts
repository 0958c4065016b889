import type { EnvironmentDefinition, PlatformSettings } from '@ecs-platform/environment-definition';
import { stateKey, useRemoteState } from '@ecs-platform/state-backend';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAwsProvider } from './aws-provider';
import { standardTags } from './tags';

export interface EnvironmentStackProps {
  readonly settings: PlatformSettings;
  readonly definition: EnvironmentDefinition;
}

/** One environment: its provider, its remote state and the layers built from its definition. */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { settings, definition } = props;
    super(scope, definition.name);
    addAwsProvider(this, {
      region: definition.region,
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
      sessionName: `${settings.project}-${definition.name}`,
      tags: standardTags(settings, definition.name, definition.tags),
    });
    useRemoteState(this, {
      ...definition.stateBackend,
      key: stateKey(settings.project, definition.name),
      accountId: definition.accountId,
      roleArn: definition.deployRoleArn,
    });
  }
}
