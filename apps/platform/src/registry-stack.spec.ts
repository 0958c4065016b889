import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatProblem } from '@ecs-platform/environment-definition';
import type { Json } from '@ecs-platform/testing';
import { planStacks } from './stack-plan';
import { synthesize } from './synthesize';
import { scratchWorkspace } from './testing';
import { loadWorkspace } from './workspace';

function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`${file}: nothing to replace for ${from}`);
  fs.writeFileSync(full, changed);
}

function readStack(outdir: string, name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
}

const resourcesOf = (stack: Json, type: string): Json[] => Object.values(stack.resource?.[type] ?? {});

describe('registry stack', () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = scratchWorkspace();
    outdir = path.join(root, 'cdktf.out');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is planned with a bootstrap stack for its account, which no environment uses', () => {
    const names = planStacks(loadWorkspace(root)).map((stack) => `${stack.kind}:${stack.name}`);
    expect(names).toEqual([
      'environment:dev',
      'environment:prod',
      'environment:staging',
      'registry:registry',
      'bootstrap:bootstrap-210987654321',
      'bootstrap:bootstrap-345678901234',
      'bootstrap:bootstrap-456789012345',
      'bootstrap:bootstrap-567890123456',
    ]);
  });

  it('keeps its state in its own key of its account backend, and the bootstrap stack creates that backend', () => {
    const result = synthesize({ root, outdir, stacks: ['registry', 'bootstrap-567890123456'] });
    expect(result.problems).toEqual([]);
    const stack = readStack(outdir, 'registry');
    expect(stack.terraform.backend.s3).toMatchObject({
      bucket: 'acme-ecs-platform-tfstate-567890123456',
      key: 'ecs-platform/registry/terraform.tfstate',
      region: 'eu-central-1',
      allowed_account_ids: ['567890123456'],
    });
    expect(stack.provider.aws.map((p: Json) => [p.alias ?? 'default', p.region, p.allowed_account_ids])).toEqual([
      ['default', 'eu-central-1', ['567890123456']],
      ['replica-eu-west-1', 'eu-west-1', ['567890123456']],
    ]);
    const bootstrap = readStack(outdir, 'bootstrap-567890123456');
    expect(resourcesOf(bootstrap, 'aws_s3_bucket').map((b) => b.bucket)).toEqual(['acme-ecs-platform-tfstate-567890123456']);
  });

  it('lets the environment accounts pull, derived from the environments, and protects the tags they run', () => {
    synthesize({ root, outdir, stacks: ['registry'] });
    const stack = readStack(outdir, 'registry');
    const [policy] = resourcesOf(stack, 'aws_ecr_repository_policy').map((p) => JSON.parse(p.policy));
    expect(policy.Statement[0].Principal.AWS).toEqual([
      'arn:aws:iam::210987654321:root',
      'arn:aws:iam::345678901234:root',
      'arn:aws:iam::456789012345:root',
    ]);
    const lifecycle = JSON.parse(resourcesOf(stack, 'aws_ecr_lifecycle_policy')[0].policy);
    expect(lifecycle.rules.flatMap((rule: Json) => rule.selection.tagPrefixList ?? [])).toEqual(['release-', '2026.11.24-5d3e9a1']);
  });

  it('resolves every service image from the registry: the replica in the same region, else the home region', () => {
    synthesize({ root, outdir, stacks: ['dev', 'prod'] });
    expect(readStack(outdir, 'dev').output.service_images.value).toEqual({
      storefront: '567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:2026.11.24-5d3e9a1',
      'order-worker': '567890123456.dkr.ecr.eu-west-1.amazonaws.com/sample-service:2026.11.24-5d3e9a1',
    });
    expect(readStack(outdir, 'prod').output.service_images.value).toEqual({
      storefront:
        '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service@sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091',
      'order-worker':
        '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service@sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091',
    });
  });

  it('rejects a service naming an undeclared repository, and then builds neither it, the registry nor its account bootstrap stack', () => {
    edit(root, 'environments/staging/environment.yaml', 'repository: sample-service', 'repository: sample-servise');
    const result = synthesize({ root, outdir });
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^environments\/staging\/environment\.yaml:\d+:19: services\[0\]\.image\.repository: "sample-servise" is not a repository of the registry; did you mean "sample-service"\? \(registry\/registry\.yaml:\d+:3: repositories\)$/,
      ),
    ]);
    expect([...result.invalid].sort()).toEqual(['bootstrap-345678901234', 'registry', 'staging']);
  });

  it('works in a single account: same backend, no bootstrap stack of its own, no pull statement for that account', () => {
    edit(root, 'registry/registry.yaml', /567890123456/g, '456789012345');
    const plan = planStacks(loadWorkspace(root));
    expect(plan.filter((stack) => stack.kind === 'bootstrap').map((stack) => stack.name)).toEqual([
      'bootstrap-210987654321',
      'bootstrap-345678901234',
      'bootstrap-456789012345',
    ]);
    const result = synthesize({ root, outdir, stacks: ['registry'] });
    expect(result.problems).toEqual([]);
    const [policy] = resourcesOf(readStack(outdir, 'registry'), 'aws_ecr_repository_policy').map((p) => JSON.parse(p.policy));
    expect(policy.Statement[0].Principal.AWS).toEqual(['arn:aws:iam::210987654321:root', 'arn:aws:iam::345678901234:root']);
  });

  it('requires the backend of the environments in its account', () => {
    edit(root, 'registry/registry.yaml', /567890123456/g, '456789012345');
    edit(root, 'registry/registry.yaml', 'lockTable: acme-ecs-platform-tflock', 'lockTable: registry-lock');
    const result = synthesize({ root, outdir, stacks: ['registry'] });
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^registry\/registry\.yaml:\d+:14: stateBackend\.lockTable: "registry-lock" differs from "acme-ecs-platform-tflock" of environment prod; stacks of account 456789012345 share one state backend \(environments\/prod\/environment\.yaml:\d+:14: stateBackend\.lockTable\)$/,
      ),
    ]);
  });
});
