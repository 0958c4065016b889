import { Testing } from 'cdktf';
import * as path from 'node:path';
import { BootstrapStack } from './bootstrap-stack';
import { EnvironmentStack } from './environment-stack';
import { loadWorkspace } from './workspace';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const workspace = loadWorkspace(path.resolve(__dirname, '../../..'));
const settings = workspace.settings!;

function environmentStack(name: string): Json {
  const env = workspace.environments.get(name);
  if (!env) throw new Error(`environment ${name} is not valid: ${JSON.stringify(workspace.environmentProblems.get(name))}`);
  return JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), { settings, definition: env.definition })));
}

describe('environment stack', () => {
  it.each(['dev', 'staging', 'prod'])('%s: the provider is pinned to its account and region, with standard tags', (name) => {
    const definition = workspace.environments.get(name)!.definition;
    const [provider] = environmentStack(name).provider.aws;
    expect(provider.region).toBe(definition.region);
    expect(provider.allowed_account_ids).toEqual([definition.accountId]);
    expect(provider.assume_role).toEqual([{ role_arn: definition.deployRoleArn, session_name: `ecs-platform-${name}` }]);
    expect(provider.default_tags[0].tags).toEqual({
      ...definition.tags,
      Project: 'ecs-platform',
      Environment: name,
      ManagedBy: 'cdktf',
      Repository: 'github.com/acme-corp/ecs-platform',
    });
  });

  it.each(['dev', 'staging', 'prod'])('%s: state lives in its own key of its account backend, encrypted and locked', (name) => {
    const definition = workspace.environments.get(name)!.definition;
    const { backend, required_providers } = environmentStack(name).terraform;
    expect(backend).toEqual({
      s3: {
        bucket: definition.stateBackend.bucket,
        key: `ecs-platform/${name}/terraform.tfstate`,
        region: definition.stateBackend.region,
        encrypt: true,
        dynamodb_table: definition.stateBackend.lockTable,
        use_lockfile: true,
        allowed_account_ids: [definition.accountId],
        assume_role: { role_arn: definition.deployRoleArn },
      },
    });
    expect(required_providers.aws.version).toBe('5.100.0');
  });

  it('leaves assume_role out when the definition names no deploy role', () => {
    const env = workspace.environments.get('dev')!;
    const definition = { ...env.definition, deployRoleArn: undefined };
    const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), { settings, definition })));
    expect(json.provider.aws[0].assume_role).toBeUndefined();
    expect(json.terraform.backend.s3.assume_role).toBeUndefined();
  });
});

describe('bootstrap stack', () => {
  const stateBackend = workspace.environments.get('prod')!.definition.stateBackend;
  const synth = (remote: string[]): Json =>
    JSON.parse(
      Testing.synth(
        new BootstrapStack(Testing.app(), {
          settings: { ...settings, bootstrap: { remoteStateAccounts: remote } },
          accountId: '456789012345',
          stateBackend,
        }),
      ),
    );

  it('starts with local state outside the synthesized output, and creates the backend', () => {
    const json = synth([]);
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.bootstrap-456789012345.tfstate' } });
    expect(Object.values(json.resource.aws_s3_bucket as Json)[0].bucket).toBe(stateBackend.bucket);
    expect(Object.values(json.resource.aws_dynamodb_table as Json)[0].name).toBe(stateBackend.lockTable);
    expect(json.provider.aws[0].allowed_account_ids).toEqual(['456789012345']);
    expect(json.provider.aws[0].assume_role).toBeUndefined();
  });

  it('moves its state into its own bucket once the account is listed', () => {
    expect(synth(['456789012345']).terraform.backend.s3).toMatchObject({
      bucket: stateBackend.bucket,
      key: 'ecs-platform/bootstrap-456789012345/terraform.tfstate',
      use_lockfile: true,
    });
  });
});
