import { Testing } from 'cdktf';
import * as path from 'node:path';
import type { Json } from '@ecs-platform/testing';
import { BootstrapStack } from './bootstrap-stack';
import type { EnvironmentDefinition } from '@ecs-platform/environment-definition';
import { EnvironmentStack } from './environment-stack';
import { loadWorkspace } from './workspace';

const workspace = loadWorkspace(path.resolve(__dirname, '../../..'));
const registry = workspace.registry?.definition;

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing or invalid`);
  return value;
}

const settings = required(workspace.settings, 'apps/platform/platform.yaml');

function definitionOf(name: string): EnvironmentDefinition {
  const env = workspace.environments.get(name);
  if (!env) throw new Error(`environment ${name} is not valid: ${JSON.stringify(workspace.environmentProblems.get(name))}`);
  return env.definition;
}

/** Every environment of the repository (the tests hold for any one added). */
const ENVIRONMENTS = [...workspace.environments.keys()].sort();

function environmentStack(name: string): Json {
  return JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), { settings, definition: definitionOf(name), registry })));
}

describe('environment stack', () => {
  it.each(ENVIRONMENTS)('%s: the provider is pinned to its account and region, with standard tags', (name) => {
    const definition = definitionOf(name);
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

  it.each(ENVIRONMENTS)('%s: state lives in its own key of its account backend, encrypted and locked', (name) => {
    const definition = definitionOf(name);
    const { backend, required_providers } = environmentStack(name).terraform;
    expect(backend).toEqual({
      s3: {
        bucket: definition.stateBackend.bucket,
        key: `ecs-platform/${name}/terraform.tfstate`,
        region: definition.stateBackend.region,
        encrypt: true,
        kms_key_id: `arn:aws:kms:${definition.stateBackend.region}:${definition.accountId}:alias/${definition.stateBackend.bucket}`,
        dynamodb_table: definition.stateBackend.lockTable,
        use_lockfile: true,
        allowed_account_ids: [definition.accountId],
        assume_role: { role_arn: definition.deployRoleArn },
      },
    });
    expect(required_providers.aws.version).toBe('5.100.0');
  });

  it.each(ENVIRONMENTS)('%s: web services roll back on the alarms the scaling layer creates, which they name by reference', (name) => {
    const json = environmentStack(name);
    const alarmNames = new Set(Object.keys(json.resource.aws_cloudwatch_metric_alarm).map((id) => `\${aws_cloudwatch_metric_alarm.${id}.alarm_name}`));
    const services = Object.values<Json>(json.resource.aws_ecs_service);
    const definition = definitionOf(name);
    for (const svc of definition.services) {
      const service = required(services.find((candidate) => candidate.name === svc.name), `aws_ecs_service ${svc.name}`);
      if ((svc.kind ?? 'web') === 'web') {
        expect(service.alarms).toEqual({ alarm_names: expect.any(Array), enable: true, rollback: true });
        expect(service.alarms.alarm_names.length).toBeGreaterThan(0);
        for (const alarm of service.alarms.alarm_names) expect(alarmNames).toContain(alarm);
      } else {
        expect(service.alarms).toBeUndefined();
      }
    }
  });

  it('leaves assume_role out when the definition names no deploy role', () => {
    const env = { definition: definitionOf('dev') };
    const definition = { ...env.definition, deployRoleArn: undefined };
    const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), { settings, definition, registry })));
    expect(json.provider.aws[0].assume_role).toBeUndefined();
    expect(json.terraform.backend.s3.assume_role).toBeUndefined();
  });
});

describe('bootstrap stack', () => {
  const stateBackend = definitionOf('prod').stateBackend;
  const synth = (remote: string[]): Json =>
    JSON.parse(
      Testing.synth(
        new BootstrapStack(Testing.app(), {
          settings: { ...settings, bootstrap: { remoteStateAccounts: remote, existingGithubOidcProviderAccounts: [] } },
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
