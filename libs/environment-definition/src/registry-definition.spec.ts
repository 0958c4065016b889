import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { environmentSchema } from './environment-schema';
import type { EnvironmentDefinition } from './definition';
import { formatProblem, parseDefinition } from './load';
import type { LocatedEnvironment } from './platform';
import { checkRegistryAgainstEnvironments, loadRegistryFile, type RegistryDefinition, registrySchema } from './registry-definition';
import { validDefinition } from './test-fixtures';

const FILE = 'registry/registry.yaml';

function validRegistry(): Record<string, unknown> {
  return {
    accountId: '567890123456',
    region: 'eu-central-1',
    stateBackend: { bucket: 'acme-tfstate-567890123456', lockTable: 'acme-tflock', region: 'eu-central-1' },
    deployRoleArn: 'arn:aws:iam::567890123456:role/deploy-registry',
    replicationRegions: ['eu-west-1'],
    accountSettings: 'managed',
    repositories: [{ name: 'sample-service' }, { name: 'team/worker', lifecycle: { keepReleaseImages: 10, protectedTagPrefixes: ['release-'] } }],
  };
}

function problems(definition: unknown): string[] {
  const result = parseDefinition(stringify(definition), FILE, registrySchema);
  return result.ok ? [] : result.problems.map(formatProblem);
}

function parsed(definition: unknown): RegistryDefinition {
  const result = parseDefinition(stringify(definition), FILE, registrySchema);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.value;
}

function environment(file: string, overrides: Record<string, unknown> = {}): LocatedEnvironment {
  const result = parseDefinition(stringify({ ...validDefinition(), ...overrides }), file, environmentSchema);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return { file, definition: result.value as EnvironmentDefinition, locate: result.locate };
}

describe('registry definition', () => {
  it('accepts a valid definition and fills in the documented defaults', () => {
    const registry = parsed(validRegistry());
    expect(registry.tags).toEqual({});
    expect(registry.enhancedScanning).toBe(false);
    expect(registry.encryption).toBe('customer-managed-key');
    expect(registry.repositories).toEqual([
      { name: 'sample-service', lifecycle: { untaggedExpiryDays: 14, keepReleaseImages: 30, protectedTagPrefixes: [] } },
      { name: 'team/worker', lifecycle: { untaggedExpiryDays: 14, keepReleaseImages: 10, protectedTagPrefixes: ['release-'] } },
    ]);
  });

  it('reports every problem with its field path', () => {
    expect(
      problems({
        ...validRegistry(),
        accountId: 567890123456,
        replicationRegions: ['eu-central-1', 'eu-west-1', 'eu-west-1', 'eu-wst-2'],
        enhancedScaning: true,
        encryption: 'none',
        tags: { Project: 'x' },
        repositories: [
          { name: 'sample-service', lifecycle: { untaggedExpiryDays: 0, protectedTagPrefixes: ['v', 'v'] } },
          { name: 'Sample' },
          { name: 'sample-service' },
        ],
      }).map((line) => line.replace(/^registry\/registry\.yaml:\d+:\d+: /, '')),
    ).toEqual([
      'enhancedScaning: unknown field (did you mean "enhancedScanning"?)',
      'accountId: must be a quoted string of 12 digits (unquoted, YAML reads it as a number)',
      'replicationRegions[3]: "eu-wst-2" is not an AWS region (did you mean "eu-west-2"?)',
      'encryption: must be one of "customer-managed-key", "aws-managed-key", got the string "none"',
      'repositories[0].lifecycle.untaggedExpiryDays: must be between 1 and 3650 days, got 0',
      'repositories[0].lifecycle.protectedTagPrefixes[1]: "v" is listed twice',
      'repositories[1].name: "Sample" must be an ECR repository name (lowercase letters, digits, . _ - and /)',
      'tags.Project: is set by the platform on every resource and cannot be overridden',
    ]);
  });

  it('rejects replicating to its own region or twice, duplicate repositories and a foreign deploy role', () => {
    expect(
      problems({
        ...validRegistry(),
        replicationRegions: ['eu-central-1', 'eu-west-1', 'eu-west-1'],
        deployRoleArn: 'arn:aws:iam::111122223333:role/deploy',
        repositories: [{ name: 'a1' }, { name: 'a1' }],
      }).map((line) => line.replace(/^registry\/registry\.yaml:\d+:\d+: /, '')),
    ).toEqual([
      'replicationRegions[0]: "eu-central-1" is the registry\'s own region; list only other regions',
      'replicationRegions[2]: "eu-west-1" is listed twice',
      'repositories[1].name: "a1" is already the name of repositories[0]',
      'deployRoleArn: belongs to another account than accountId 567890123456',
    ]);
  });

  it('needs at least one repository', () => {
    expect(problems({ ...validRegistry(), repositories: [] })).toEqual([
      'registry/registry.yaml:11:15: repositories: must list at least 1, got 0',
    ]);
  });

  it('requires accountSettings as soon as replication or enhanced scanning touches the account-wide ECR settings', () => {
    const { accountSettings, ...without } = validRegistry();
    expect(accountSettings).toBe('managed');
    expect(problems({ ...without, enhancedScanning: true })).toEqual([
      'registry/registry.yaml:1:1: needs "accountSettings": replication and enhanced scanning use account-wide ECR settings (one per account and region); "managed" lets this stack replace them, "external" leaves them to whoever manages them now',
    ]);
    expect(problems({ ...without, replicationRegions: [] })).toEqual([]);
    expect(problems({ ...without, accountSettings: 'external' })).toEqual([]);
  });

  it('loads from a file, with line numbers', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
    try {
      const file = path.join(root, 'registry.yaml');
      fs.writeFileSync(file, stringify({ ...validRegistry(), region: 'mars-1' }));
      const result = loadRegistryFile(file, FILE);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(['registry/registry.yaml:2:9: region: "mars-1" is not an AWS region']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('registry against environments', () => {
  const located = parseDefinition(stringify(validRegistry()), FILE, registrySchema);
  if (!located.ok) throw new Error('the fixture registry is invalid');
  const registry = { file: FILE, definition: located.value, locate: located.locate };

  it('accepts environments naming declared repositories', () => {
    expect(checkRegistryAgainstEnvironments(registry, [environment('environments/prod/environment.yaml')])).toEqual({
      environmentProblems: [],
      registryProblems: [],
    });
  });

  it('names the environment file and field of an undeclared repository, with a suggestion when close', () => {
    const service = (validDefinition().services as Array<Record<string, unknown>>)[0];
    const env = environment('environments/prod/environment.yaml', {
      services: [
        { ...service, image: { repository: 'sample-servce', tag: '1.0' } },
        { ...service, name: 'other', image: { repository: 'billing', tag: '1.0' } },
      ],
    });
    const { environmentProblems } = checkRegistryAgainstEnvironments(registry, [env]);
    expect(environmentProblems.map(formatProblem)).toEqual([
      'environments/prod/environment.yaml:28:19: services[0].image.repository: "sample-servce" is not a repository of the registry; did you mean "sample-service"? (registry/registry.yaml:12:3: repositories)',
      'environments/prod/environment.yaml:41:19: services[1].image.repository: "billing" is not a repository of the registry; it declares "sample-service", "team/worker" (registry/registry.yaml:12:3: repositories)',
    ]);
  });

  it('requires the state backend of the environments in the same account', () => {
    const env = environment('environments/prod/environment.yaml', {
      accountId: '567890123456',
      deployRoleArn: 'arn:aws:iam::567890123456:role/deploy-prod',
      stateBackend: { bucket: 'acme-tfstate-567890123456', lockTable: 'other-lock', region: 'eu-central-1' },
    });
    const { registryProblems } = checkRegistryAgainstEnvironments(registry, [env]);
    expect(registryProblems.map(formatProblem)).toEqual([
      'registry/registry.yaml:5:14: stateBackend.lockTable: "acme-tflock" differs from "other-lock" of environment prod; stacks of account 567890123456 share one state backend (environments/prod/environment.yaml:14:14: stateBackend.lockTable)',
    ]);
  });

  it('refuses the state bucket of another account', () => {
    const env = environment('environments/prod/environment.yaml', {
      stateBackend: { bucket: 'acme-tfstate-567890123456', lockTable: 'acme-tflock', region: 'eu-central-1' },
    });
    const { registryProblems } = checkRegistryAgainstEnvironments(registry, [env]);
    expect(registryProblems.map(formatProblem)).toEqual([
      'registry/registry.yaml:4:11: stateBackend.bucket: "acme-tfstate-567890123456" is already the state bucket of account 456789012345; S3 bucket names are global (environments/prod/environment.yaml:13:11: stateBackend.bucket)',
    ]);
  });
});
