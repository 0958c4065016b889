import type { PlatformSettings, StateBackendDefinition } from '@ecs-platform/environment-definition';
import { stateKey, StateStorage, useRemoteState } from '@ecs-platform/state-backend';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { addAwsProvider } from './aws-provider';
import { type CiStack, GithubCiRoles, type GithubCiRolesProps, githubRepository } from './github-ci-roles';
import { standardTags } from './tags';

export interface BootstrapStackProps {
  readonly settings: PlatformSettings;
  readonly accountId: string;
  /** The state backend every environment of this account names. */
  readonly stateBackend: StateBackendDefinition;
  /**
   * Stacks whose state lives in this account and that GitHub Actions plans and deploys: each
   * gets a plan and a deploy role derived from its resource types (docs/ci-cd.md).
   * @default [] (no CI roles, no OIDC provider)
   */
  readonly ciStacks?: readonly Omit<CiStack, 'stateKey'>[];
  /** In the registry's account: the image push role's repositories. @default no push role */
  readonly imagePush?: GithubCiRolesProps['imagePush'];
}

/** Name of the bootstrap stack of an account. */
export function bootstrapStackName(accountId: string): string {
  return `bootstrap-${accountId}`;
}

/**
 * Creates the state bucket and lock table of one AWS account. It cannot keep its state in a
 * bucket that does not exist yet, so it starts with local state and moves into its own bucket
 * once the account is listed in `bootstrap.remoteStateAccounts` (README).
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    const { settings, accountId, stateBackend } = props;
    const name = bootstrapStackName(accountId);
    super(scope, name);
    addAwsProvider(this, {
      region: stateBackend.region,
      accountId,
      sessionName: `${settings.project}-bootstrap`,
      tags: standardTags(settings, 'bootstrap'),
    });
    if (settings.bootstrap.remoteStateAccounts.includes(accountId)) {
      useRemoteState(this, { ...stateBackend, key: stateKey(settings.project, name), accountId });
    } else {
      // Relative to the stack's working directory (cdktf.out/stacks/<name>): the state file
      // lands in the workspace root, outside the synthesized output that synth replaces.
      new LocalBackend(this, { path: `../../../terraform.${name}.tfstate` });
    }
    const storage = new StateStorage(this, 'state', {
      bucketName: stateBackend.bucket,
      lockTableName: stateBackend.lockTable,
      accountId,
      region: stateBackend.region,
    });
    const ciStacks = props.ciStacks ?? [];
    if (ciStacks.length > 0 || props.imagePush) {
      new GithubCiRoles(this, 'github-ci', {
        accountId,
        project: settings.project,
        repository: githubRepository(settings.repository),
        stacks: ciStacks.map((stack) => ({ ...stack, stateKey: stateKey(settings.project, stack.name) })),
        state: { bucketArn: storage.bucket.arn, lockTableArn: storage.lockTable.arn, keyArn: storage.key.arn },
        imagePush: props.imagePush,
        oidcProvider: settings.bootstrap.existingGithubOidcProviderAccounts.includes(accountId) ? 'existing' : 'create',
      });
    }
    new TerraformOutput(this, 'state_bucket', { value: storage.bucket.bucket });
    new TerraformOutput(this, 'lock_table', { value: storage.lockTable.name });
    new TerraformOutput(this, 'state_key_arn', { value: storage.key.arn });
  }
}
