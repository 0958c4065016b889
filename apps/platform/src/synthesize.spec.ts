import { type PolicyRule, ECS_PLATFORM_RULES, nonCompliant, compliant } from '@ecs-platform/policy';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { main } from './main';
import { planStacks } from './stack-plan';
import { blockedStackJson, synthesize, UnknownStackError } from './synthesize';
import { scratchWorkspace } from './testing';
import { loadWorkspace } from './workspace';

/** The real definitions without the registry: environments work without one too. */
const scratchWithoutRegistry = (): string => scratchWorkspace({ registry: false });

function stackFiles(outdir: string): string[] {
  return fs.readdirSync(path.join(outdir, 'stacks')).sort();
}

function readStack(outdir: string, name: string): string {
  return fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
}

function breakDefinition(root: string, name: string, from: string, to: string): void {
  const file = path.join(root, 'environments', name, 'environment.yaml');
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** What the definitions say the stacks are: one per environment folder, one bootstrap stack per account. */
function expectedStacks(root: string): { environments: string[]; bootstraps: string[] } {
  const environments = fs.readdirSync(path.join(root, 'environments')).filter((name) => fs.existsSync(path.join(root, 'environments', name, 'environment.yaml')));
  const accounts = environments.map((name) => String(parse(fs.readFileSync(path.join(root, 'environments', name, 'environment.yaml'), 'utf8')).accountId));
  return { environments: environments.sort(), bootstraps: [...new Set(accounts)].map((account) => `bootstrap-${account}`).sort() };
}

function accountOf(root: string, name: string): string {
  return String(parse(fs.readFileSync(path.join(root, 'environments', name, 'environment.yaml'), 'utf8')).accountId);
}

describe('synthesis', () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = scratchWithoutRegistry();
    outdir = path.join(root, 'cdktf.out');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes one stack per environment and per account, and a manifest listing them', () => {
    const result = synthesize({ root, outdir });
    const { environments, bootstraps } = expectedStacks(root);
    const expected = [...bootstraps, ...environments].sort();
    expect([...result.synthesized].sort()).toEqual(expected);
    expect(result.problems).toEqual([]);
    expect(stackFiles(outdir)).toEqual(expected);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(expected);
    expect(manifest.stacks[environments[0]].synthesizedStackPath).toBe(`stacks/${environments[0]}/cdk.tf.json`);
    expect(fs.readdirSync(outdir).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('is deterministic: the same definitions give the same bytes', () => {
    synthesize({ root, outdir });
    const first = readStack(outdir, 'prod');
    synthesize({ root, outdir: path.join(root, 'again') });
    expect(readStack(path.join(root, 'again'), 'prod')).toBe(first);
    expect(first).not.toContain(root);
  });

  it('writes no output for an invalid environment nor for its account bootstrap stack, removes their old output and builds the others', () => {
    synthesize({ root, outdir });
    breakDefinition(root, 'staging', 'cpu: 512', 'cpu: 300');
    const result = synthesize({ root, outdir });
    const blockedBootstrap = `bootstrap-${accountOf(root, 'staging')}`;
    expect([...result.invalid].sort()).toEqual([blockedBootstrap, 'staging'].sort());
    expect(result.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'environments/staging/environment.yaml: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
      'environments/staging/environment.yaml: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
    ].slice(0, result.problems.length));
    expect(stackFiles(outdir)).not.toContain('staging');
    expect(stackFiles(outdir)).not.toContain(blockedBootstrap);
    expect(stackFiles(outdir)).toContain('prod');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).not.toContain('staging');
  });

  it('blocks every bootstrap stack when an invalid environment names no readable account', () => {
    breakDefinition(root, 'dev', `accountId: "${accountOf(root, 'dev')}"`, 'accountId: "1"');
    const result = synthesize({ root, outdir });
    expect(result.invalid.filter((name) => name.startsWith('bootstrap-')).sort()).toEqual(
      [...new Set(expectedStacks(root).environments.map((name) => accountOf(root, name)).filter((account) => account !== '1'))].map((a) => `bootstrap-${a}`).sort(),
    );
    expect(result.synthesized).toContain('prod');
  });

  it('builds each stack on its own: a stack failing its policy blocks only itself', () => {
    const failDev: PolicyRule = {
      id: 'TEST-001',
      description: 'fails the VPC of dev only',
      severity: 'high',
      tiers: ['production', 'non-production'],
      resourceTypes: ['aws_vpc'],
      equivalents: [],
      check: (_resource, context) => (context.stackName === 'dev' ? nonCompliant('dev is not allowed a VPC in this test') : compliant()),
    };
    const result = synthesize({ root, outdir, policy: { rules: [...ECS_PLATFORM_RULES, failDev] } });
    expect(result.invalid).toEqual(['dev']);
    expect(result.failures).toEqual([{ stack: 'dev', message: expect.stringContaining('TEST-001 [high] aws_vpc.') }]);
    expect(result.failures[0].message).toContain('dev is not allowed a VPC in this test');
    expect(stackFiles(outdir)).toContain('prod');
    expect(stackFiles(outdir)).not.toContain('dev');
    // The stacks after dev, built in the same app folder, took nothing of it; the staging
    // directory is gone.
    expect(fs.readdirSync(outdir).sort()).toEqual(['manifest.json', 'stacks']);
  });

  it('writes blocked stacks for the CDKTF CLI: listed with warnings, failing plan with the problems', () => {
    breakDefinition(root, 'dev', 'cpu: 256', 'cpu: 300');
    const result = synthesize({ root, outdir, invalidStacks: 'blocked' });
    expect(result.invalid).toContain('dev');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.dev).toMatchObject({ name: 'dev', synthesizedStackPath: 'stacks/dev/cdk.tf.json', workingDirectory: 'stacks/dev' });
    expect(manifest.stacks.dev.annotations.map((a: { level: string }) => a.level)).toEqual(manifest.stacks.dev.annotations.map(() => 'warn'));
    expect(manifest.stacks.dev.annotations[0].message).toMatch(/^not synthesized: environments\/dev\/environment\.yaml:\d+:\d+: services\[0\]\.cpu: 300 is not a Fargate CPU value/);
    const blocked = JSON.parse(readStack(outdir, 'dev'));
    expect(Object.keys(blocked).sort()).toEqual(Object.keys(blockedStackJson('dev', [])).sort());
    expect(blocked.resource).toBeUndefined();
    expect(blocked.terraform.backend).toEqual({ local: { path: 'terraform.blocked.tfstate' } });
    expect(blocked.variable.definition_problems.validation[0].error_message).toMatch(/environments\/dev\/environment\.yaml:\d+:\d+: services\[0\]\.cpu: 300/);
    expect(JSON.parse(readStack(outdir, 'prod')).resource).toBeDefined();
  });

  it('synthesizes only the selected stacks and keeps the others', () => {
    synthesize({ root, outdir });
    const before = readStack(outdir, 'prod');
    const count = stackFiles(outdir).length;
    breakDefinition(root, 'prod', 'maxCount: 12', 'maxCount: 1');
    const result = synthesize({ root, outdir, stacks: ['dev'] });
    expect(result.synthesized).toEqual(['dev']);
    expect(result.problems).toEqual([]);
    expect(readStack(outdir, 'prod')).toBe(before);
    expect(stackFiles(outdir)).toHaveLength(count);
  });

  it('selects bootstrap stacks by prefix and rejects unknown stack names', () => {
    expect(synthesize({ root, outdir, stacks: ['bootstrap-*'] }).synthesized).toEqual(expectedStacks(root).bootstraps);
    expect(() => synthesize({ root, outdir, stacks: ['no-such-stack'] })).toThrow(UnknownStackError);
  });

  it('drops the stack of a deleted environment on a full synthesis', () => {
    synthesize({ root, outdir });
    // prod: no environment promotes from it, so the others stay valid.
    fs.rmSync(path.join(root, 'environments/prod'), { recursive: true });
    synthesize({ root, outdir });
    const { environments, bootstraps } = expectedStacks(root);
    expect(stackFiles(outdir)).toEqual([...bootstraps, ...environments].sort());
    expect(stackFiles(outdir)).not.toContain('prod');
  });

  describe("keeps Terraform's working files in a stack's folder", () => {
    // What `terraform init`, `terraform plan -out` and the lock file leave there (cdktf deploy,
    // the Nx diff and deploy targets): `.terraform` records the backend that
    // `terraform init -migrate-state` copies the state from (README "Bootstrap remote state").
    const WORKING_FILES = ['.terraform/terraform.tfstate', '.terraform.lock.hcl', 'tfplan'];
    const initialize = (stack: string): void => {
      for (const file of WORKING_FILES) {
        fs.mkdirSync(path.dirname(path.join(outdir, 'stacks', stack, file)), { recursive: true });
        fs.writeFileSync(path.join(outdir, 'stacks', stack, file), `${stack} ${file}`);
      }
    };
    const workingFiles = (stack: string): string[] => WORKING_FILES.filter((file) => fs.existsSync(path.join(outdir, 'stacks', stack, file)));

    it('when the stack is synthesized again, by a full synthesis or one of that stack', () => {
      synthesize({ root, outdir });
      const bootstrap = `bootstrap-${accountOf(root, 'dev')}`;
      initialize('dev');
      initialize(bootstrap);
      breakDefinition(root, 'dev', 'cpuTarget: 70', 'cpuTarget: 65');
      expect(synthesize({ root, outdir }).invalid).toEqual([]);
      expect(workingFiles('dev')).toEqual(WORKING_FILES);
      expect(workingFiles(bootstrap)).toEqual(WORKING_FILES);
      expect(readStack(outdir, 'dev')).toContain('"target_value": 65');
      breakDefinition(root, 'dev', 'cpuTarget: 65', 'cpuTarget: 60');
      expect(synthesize({ root, outdir, stacks: ['dev'] }).synthesized).toEqual(['dev']);
      expect(workingFiles('dev')).toEqual(WORKING_FILES);
      expect(readStack(outdir, 'dev')).toContain('"target_value": 60');
      expect(fs.readFileSync(path.join(outdir, 'stacks/dev/.terraform/terraform.tfstate'), 'utf8')).toBe('dev .terraform/terraform.tfstate');
    });

    it('when the stack turns invalid (only its cdk.tf.json goes) and valid again', () => {
      synthesize({ root, outdir });
      initialize('staging');
      breakDefinition(root, 'staging', 'cpu: 512', 'cpu: 300');
      synthesize({ root, outdir });
      expect(fs.existsSync(path.join(outdir, 'stacks/staging/cdk.tf.json'))).toBe(false);
      expect(workingFiles('staging')).toEqual(WORKING_FILES);
      breakDefinition(root, 'staging', 'cpu: 300', 'cpu: 512');
      synthesize({ root, outdir });
      expect(workingFiles('staging')).toEqual(WORKING_FILES);
      expect(JSON.parse(readStack(outdir, 'staging')).resource).toBeDefined();
    });

    it('but not across a blocked stand-in, whose local backend is its own, nor for a stack no longer defined', () => {
      synthesize({ root, outdir });
      initialize('dev');
      initialize('prod');
      breakDefinition(root, 'dev', 'cpu: 256', 'cpu: 300');
      synthesize({ root, outdir, invalidStacks: 'blocked' });
      expect(workingFiles('dev')).toEqual([]);
      initialize('dev');
      breakDefinition(root, 'dev', 'cpu: 300', 'cpu: 256');
      synthesize({ root, outdir, invalidStacks: 'blocked' });
      expect(workingFiles('dev')).toEqual([]);
      expect(JSON.parse(readStack(outdir, 'dev')).resource).toBeDefined();
      fs.rmSync(path.join(root, 'environments/prod'), { recursive: true });
      synthesize({ root, outdir });
      expect(fs.existsSync(path.join(outdir, 'stacks/prod'))).toBe(false);
    });
  });

  it('plans what it synthesizes', () => {
    expect(planStacks(loadWorkspace(root)).map((stack) => stack.name).sort()).toEqual(
      [...expectedStacks(root).bootstraps, ...expectedStacks(root).environments].sort(),
    );
  });
});

describe('command line', () => {
  let root: string;
  let errors: string[];
  let output: string[];
  beforeEach(() => {
    root = scratchWorkspace();
    errors = [];
    output = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const lineOf = (file: string, text: string): number =>
    fs.readFileSync(path.join(root, file), 'utf8').split('\n').findIndex((line) => line.includes(text)) + 1;

  it('synth exits 1 and prints every problem with file, line and field', () => {
    breakDefinition(root, 'dev', 'minCount: 1', 'minCount: 3');
    breakDefinition(root, 'dev', 'containerPort: 8080', 'containerPort: 99999');
    expect(main(['synth', '--outdir', path.join(root, 'out')], root)).toBe(1);
    const file = 'environments/dev/environment.yaml';
    expect(errors.slice(0, 2)).toEqual([
      `${file}:${lineOf(file, 'containerPort: 99999')}:20: services[0].containerPort: must be between 1 and 65535, got 99999`,
      `${file}:${lineOf(file, 'minCount: 3')}:15: services[0].minCount: 3 is greater than maxCount 2`,
    ]);
    expect(errors.join('\n')).toMatch(/Not synthesized: dev, .*\(previous output removed\)/);
    expect(fs.existsSync(path.join(root, 'out/stacks/dev'))).toBe(false);
  });

  it('under the CDKTF CLI, synth exits 0 with the problems on stdout and a blocked stack', () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    breakDefinition(root, 'dev', 'minCount: 1', 'minCount: 3');
    expect(main(['synth', '--outdir', path.join(root, 'out')], root)).toBe(0);
    expect(output.join('\n')).toMatch(/environments\/dev\/environment\.yaml:\d+:15: services\[0\]\.minCount: 3 is greater than maxCount 2/);
    expect(output.join('\n')).toContain('each written as a blocked stack whose plan fails with these problems');
    expect(fs.existsSync(path.join(root, 'out/stacks/dev/cdk.tf.json'))).toBe(true);
  });

  it('validate-env without a file checks the platform settings, the registry and every environment', () => {
    expect(main(['validate'], root)).toBe(0);
    expect(output).toEqual([
      `apps/platform/platform.yaml, registry/registry.yaml and ${expectedStacks(root).environments.length} environment definitions (${expectedStacks(root).environments.join(', ')}) are valid`,
    ]);
    fs.writeFileSync(path.join(root, 'registry/registry.yaml'), fs.readFileSync(path.join(root, 'registry/registry.yaml'), 'utf8').replace(/untaggedExpiryDays: (\d+)/, 'untaggedExpiryDay: $1'));
    fs.writeFileSync(path.join(root, 'apps/platform/platform.yaml'), fs.readFileSync(path.join(root, 'apps/platform/platform.yaml'), 'utf8').replace('project: ecs-platform', 'project: Ecs'));
    expect(main(['validate'], root)).toBe(1);
    expect(errors).toEqual([
      `apps/platform/platform.yaml:${lineOf('apps/platform/platform.yaml', 'project: Ecs')}:10: project: "Ecs" must be 3 to 32 lowercase letters, digits and hyphens, starting with a letter`,
      `registry/registry.yaml:${lineOf('registry/registry.yaml', 'untaggedExpiryDay:')}:26: repositories[0].lifecycle.untaggedExpiryDay: unknown field (did you mean "untaggedExpiryDays"?)`,
      '2 problems found.',
    ]);
  });

  it('validate-env FILE picks the schema from the file and runs the rules that involve it', () => {
    const prod = path.join(root, 'environments/prod/environment.yaml');
    expect(main(['validate', prod], root)).toBe(0);
    expect(output).toEqual([`${prod}: valid (with the rules that involve other definitions)`]);

    // The registry against its own schema (not the environment's): valid.
    expect(main(['validate', path.join(root, 'registry/registry.yaml')], root)).toBe(0);

    // An environment naming a repository the registry lacks: a cross-file problem, located.
    breakDefinition(root, 'prod', 'repository: sample-service', 'repository: sample-servise');
    expect(main(['validate', prod], root)).toBe(1);
    const file = path.join('environments', 'prod', 'environment.yaml');
    expect(errors[0]).toBe(
      `${prod}:${lineOf(file, 'sample-servise')}:19: services[0].image.repository: "sample-servise" is not a repository of the registry; did you mean "sample-service"? (registry/registry.yaml:${lineOf('registry/registry.yaml', '- name: sample-service')}:3: repositories)`,
    );
    expect(fs.existsSync(path.join(root, 'cdktf.out'))).toBe(false);
  });

  it('validate-env refuses a file that is not a definition', () => {
    const file = path.join(root, 'notes.yaml');
    fs.writeFileSync(file, 'a: 1\n');
    expect(main(['validate', file], root)).toBe(1);
    expect(errors[0]).toBe(`${file}: is not a definition file: validate-env checks apps/platform/platform.yaml, registry/registry.yaml and environments/<name>/environment.yaml`);
  });

  it('names a definition that takes the name of another stack or Nx project, and still builds the others', () => {
    fs.cpSync(path.join(root, 'environments/dev'), path.join(root, 'environments/registry'), { recursive: true });
    const file = path.join(root, 'environments/registry/environment.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('name: dev', 'name: registry'));
    expect(main(['synth', '--outdir', path.join(root, 'out')], root)).toBe(1);
    expect(errors).toContain('environments/registry/environment.yaml:3:7: name: "registry" is taken: it is the name of the shared image registry stack and Nx project; rename the folder and the name');
    expect(errors.join('\n')).toMatch(/Not synthesized: environments\/registry/);
    expect(fs.existsSync(path.join(root, 'out/stacks/prod/cdk.tf.json'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'out/stacks/registry/cdk.tf.json'))).toBe(true);
  });

  it('exits 2 on usage errors', () => {
    expect(main(['synth', '--stack'], root)).toBe(2);
    expect(main(['synth', '--stack', 'nope'], root)).toBe(2);
    expect(main(['frobnicate'], root)).toBe(2);
  });
});
