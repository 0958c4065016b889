import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from './main';
import { synthesize, UnknownStackError } from './synthesize';
import { scratchWorkspace } from './testing';

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
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
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
    const expected = ['bootstrap-210987654321', 'bootstrap-345678901234', 'bootstrap-456789012345', 'dev', 'prod', 'staging'];
    expect([...result.synthesized].sort()).toEqual(expected);
    expect(result.problems).toEqual([]);
    expect(stackFiles(outdir)).toEqual(expected);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(expected);
    expect(manifest.stacks.dev.synthesizedStackPath).toBe('stacks/dev/cdk.tf.json');
    expect(fs.readdirSync(outdir).filter((entry) => entry.startsWith('.'))).toEqual([]);
  });

  it('is deterministic: the same definitions give the same bytes', () => {
    synthesize({ root, outdir });
    const first = readStack(outdir, 'prod');
    synthesize({ root, outdir: path.join(root, 'again') });
    expect(readStack(path.join(root, 'again'), 'prod')).toBe(first);
    expect(first).not.toContain(root);
  });

  it('writes no output for an invalid environment, removes its old output and builds the others', () => {
    synthesize({ root, outdir });
    breakDefinition(root, 'staging', 'cpu: 512', 'cpu: 300');
    const result = synthesize({ root, outdir });
    expect(result.invalid).toEqual(['staging']);
    expect(result.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'environments/staging/environment.yaml: 300 is not a Fargate CPU value; use one of 256, 512, 1024, 2048, 4096, 8192, 16384',
    ]);
    expect(stackFiles(outdir)).not.toContain('staging');
    expect(stackFiles(outdir)).toContain('prod');
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).not.toContain('staging');
  });

  it('synthesizes only the selected stacks and keeps the others', () => {
    synthesize({ root, outdir });
    const before = readStack(outdir, 'prod');
    breakDefinition(root, 'prod', 'maxCount: 12', 'maxCount: 1');
    const result = synthesize({ root, outdir, stacks: ['dev'] });
    expect(result.synthesized).toEqual(['dev']);
    expect(result.problems).toEqual([]);
    expect(readStack(outdir, 'prod')).toBe(before);
    expect(stackFiles(outdir)).toHaveLength(6);
  });

  it('selects bootstrap stacks by prefix and rejects unknown stack names', () => {
    expect(synthesize({ root, outdir, stacks: ['bootstrap-*'] }).synthesized).toHaveLength(3);
    expect(() => synthesize({ root, outdir, stacks: ['qa'] })).toThrow(UnknownStackError);
  });

  it('drops the stack of a deleted environment on a full synthesis', () => {
    synthesize({ root, outdir });
    fs.rmSync(path.join(root, 'environments/dev'), { recursive: true });
    synthesize({ root, outdir });
    expect(stackFiles(outdir)).toEqual(['bootstrap-345678901234', 'bootstrap-456789012345', 'prod', 'staging']);
  });
});

describe('command line', () => {
  let root: string;
  let errors: string[];
  let output: string[];
  beforeEach(() => {
    root = scratchWithoutRegistry();
    errors = [];
    output = [];
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('synth exits 1 and prints every problem with file, line and field', () => {
    breakDefinition(root, 'dev', 'minCount: 1', 'minCount: 3');
    breakDefinition(root, 'dev', 'containerPort: 8080', 'containerPort: 99999');
    expect(main(['synth', '--outdir', path.join(root, 'out')], root)).toBe(1);
    const lines = fs.readFileSync(path.join(root, 'environments/dev/environment.yaml'), 'utf8').split('\n');
    const lineOf = (text: string): number => lines.findIndex((line) => line.includes(text)) + 1;
    expect(errors.slice(0, 2)).toEqual([
      `environments/dev/environment.yaml:${lineOf('containerPort: 99999')}:20: services[0].containerPort: must be between 1 and 65535, got 99999`,
      `environments/dev/environment.yaml:${lineOf('minCount: 3')}:15: services[0].minCount: 3 is greater than maxCount 2`,
    ]);
    expect(errors.join('\n')).toContain('Not synthesized (invalid definitions, previous output removed): dev');
    expect(fs.existsSync(path.join(root, 'out/stacks/dev'))).toBe(false);
  });

  it('validate checks one file without synthesizing', () => {
    const file = path.join(root, 'environments/prod/environment.yaml');
    expect(main(['validate', file], root)).toBe(0);
    expect(output).toEqual([`${file}: valid`]);
    breakDefinition(root, 'prod', 'natGateways: one-per-az', 'natGateways: single');
    expect(main(['validate', file], root)).toBe(1);
    expect(errors[0]).toMatch(/environment\.yaml:\d+:\d+: network\.natGateways: production tier needs "one-per-az"/);
    expect(fs.existsSync(path.join(root, 'cdktf.out'))).toBe(false);
  });

  it('exits 2 on usage errors', () => {
    expect(main(['synth', '--stack'], root)).toBe(2);
    expect(main(['synth', '--stack', 'nope'], root)).toBe(2);
    expect(main(['frobnicate'], root)).toBe(2);
  });
});
