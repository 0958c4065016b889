import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { environmentSchema } from './environment-schema';
import { findEnvironmentFiles, formatProblem, loadEnvironmentFile, parseDefinition, type ParsedYamlCache, parsedYamlKey } from './load';
import { checkAcrossEnvironments, type LocatedEnvironment } from './platform';
import { toYaml, validDefinition } from './test-fixtures';
import type { EnvironmentDefinition } from './definition';

function writeEnvironment(root: string, folder: string, definition: unknown): string {
  const file = path.join(root, 'environments', folder, 'environment.yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, toYaml(definition));
  return file;
}

describe('loading definition files', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'definitions-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('requires the name to equal the folder name, and still reports the other problems', () => {
    const file = writeEnvironment(root, 'production', { ...validDefinition(), accountId: '1' });
    const result = loadEnvironmentFile(file, 'environments/production/environment.yaml');
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([
      'environments/production/environment.yaml:1:7: name: "prod" must equal the folder name "production"',
      'environments/production/environment.yaml:3:12: accountId: "1" must be exactly 12 digits',
    ]);
  });

  it('names an unreadable file', () => {
    const result = loadEnvironmentFile(path.join(root, 'missing.yaml'), 'missing.yaml');
    expect(result.ok ? '' : formatProblem(result.problems[0])).toMatch(/^missing\.yaml: cannot read: ENOENT/);
  });

  it('finds environment folders, sorted, ignoring folders without a definition', () => {
    writeEnvironment(root, 'prod', validDefinition());
    writeEnvironment(root, 'dev', { ...validDefinition(), name: 'dev' });
    fs.mkdirSync(path.join(root, 'environments', 'notes'));
    expect(findEnvironmentFiles(path.join(root, 'environments')).map((f) => path.relative(root, f))).toEqual([
      'environments/dev/environment.yaml',
      'environments/prod/environment.yaml',
    ]);
  });
});

describe('checks across environments', () => {
  const located = (file: string, change: Partial<EnvironmentDefinition>): LocatedEnvironment => {
    const definition = { ...(validDefinition() as unknown as EnvironmentDefinition), ...change };
    const parsed = parseDefinition(toYaml(definition), file, environmentSchema);
    if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
    return { file, definition: parsed.value, locate: parsed.locate };
  };
  const backend = { bucket: 'acme-tfstate-456789012345', lockTable: 'acme-tflock', region: 'eu-central-1' };
  const prod = 'environments/prod/environment.yaml';

  it('requires environments of one account to share one state backend, naming both lines', () => {
    const problems = checkAcrossEnvironments([
      located(prod, {}),
      located('environments/perf/environment.yaml', { name: 'perf', stateBackend: { ...backend, lockTable: 'other-lock' } }),
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'environments/perf/environment.yaml:14:14: stateBackend.lockTable: "other-lock" differs from "acme-tflock" of environment prod; environments of account 456789012345 share one state backend (environments/prod/environment.yaml:14:14: stateBackend.lockTable)',
    ]);
  });

  it('rejects one bucket name in two accounts', () => {
    const problems = checkAcrossEnvironments([located(prod, {}), located('environments/dev/environment.yaml', { name: 'dev', accountId: '210987654321', deployRoleArn: 'arn:aws:iam::210987654321:role/deploy-dev' })]);
    expect(problems.map(formatProblem)).toEqual([
      'environments/dev/environment.yaml:13:11: stateBackend.bucket: "acme-tfstate-456789012345" is already the state bucket of account 456789012345; S3 bucket names are global (environments/prod/environment.yaml:13:11: stateBackend.bucket)',
    ]);
  });

  it('requires promotesFrom to name another environment, without loops', () => {
    const dev = 'environments/dev/environment.yaml';
    const staging = 'environments/staging/environment.yaml';
    expect(checkAcrossEnvironments([located(prod, { promotesFrom: 'prod' })]).map(formatProblem)).toEqual([
      `${prod}:39:15: promotesFrom: names the environment itself; name the environment whose images reach prod first`,
    ]);
    expect(checkAcrossEnvironments([located(prod, { promotesFrom: 'stagign' }), located(staging, { name: 'staging' })]).map(formatProblem)).toEqual([
      `${prod}:39:15: promotesFrom: "stagign" is not an environment of this workspace (did you mean "staging"?)`,
    ]);
    expect(
      checkAcrossEnvironments([located(prod, { promotesFrom: 'staging' }), located(staging, { name: 'staging', promotesFrom: 'prod' })]).map(formatProblem),
    ).toEqual([
      `${prod}:39:15: promotesFrom: makes a loop (prod -> staging -> prod); one environment must come first and promote from none`,
      `${staging}:39:15: promotesFrom: makes a loop (staging -> prod -> staging); one environment must come first and promote from none`,
    ]);
    // An invalid environment (its problems are reported on it) can still be named.
    expect(checkAcrossEnvironments([located(prod, { promotesFrom: 'dev' })], { allNames: ['dev', 'prod'] })).toEqual([]);
    expect(checkAcrossEnvironments([located(prod, { promotesFrom: 'staging' }), located(dev, { name: 'dev', accountId: '210987654321', deployRoleArn: 'arn:aws:iam::210987654321:role/deploy-dev', stateBackend: { ...backend, bucket: 'acme-dev' } })]).map(formatProblem)).toEqual([
      `${prod}:39:15: promotesFrom: "staging" is not an environment of this workspace; environments: prod, dev`,
    ]);
  });

  it('refuses an environment name that is another name of the same account plus a hyphen', () => {
    expect(checkAcrossEnvironments([located(prod, {}), located('environments/prod-eu/environment.yaml', { name: 'prod-eu' })]).map(formatProblem)).toEqual([
      'environments/prod-eu/environment.yaml:1:7: name: starts with "prod-", the name of environment prod in the same account 456789012345: the deploy role of prod may change IAM roles named "prod-*", which would include this environment\'s; choose another name or account (environments/prod/environment.yaml:1:7: name)',
    ]);
  });

  it('refuses reserved names', () => {
    const reservedNames = new Map([['prod', 'it is the name of the Nx project in libs/prod']]);
    expect(checkAcrossEnvironments([located(prod, {})], { reservedNames }).map(formatProblem)).toEqual([
      `${prod}:1:7: name: "prod" is taken: it is the name of the Nx project in libs/prod; rename the folder and the name`,
    ]);
  });
});

describe('the repository environments', () => {
  const environmentsDir = path.resolve(__dirname, '../../../environments');

  it.each(findEnvironmentFiles(environmentsDir).map((file) => [path.basename(path.dirname(file)), file]))(
    '%s is valid',
    (_name, file) => {
      const result = loadEnvironmentFile(file);
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
    },
  );
});

describe('parsed YAML kept in a cache', () => {
  /** A cache in memory that records what was asked of it. */
  function memoryCache(): ParsedYamlCache & { kept: Map<string, string>; reads: string[] } {
    const kept = new Map<string, string>();
    const reads: string[] = [];
    return {
      kept,
      reads,
      read(key) {
        reads.push(key);
        const text = kept.get(key);
        return text === undefined ? undefined : (JSON.parse(text) as unknown);
      },
      write(key, data) {
        kept.set(key, JSON.stringify(data));
      },
    };
  }

  it('keeps a clean document, and a later load takes its data from the cache instead of the text', () => {
    const text = toYaml(validDefinition());
    const cache = memoryCache();
    const first = parseDefinition(text, 'a.yaml', environmentSchema, cache);
    expect(first.ok).toBe(true);
    expect([...cache.kept.keys()]).toEqual([parsedYamlKey(text)]);
    // What the cache holds is what is used: a changed copy there changes the value.
    const changed = { ...(JSON.parse(cache.kept.get(parsedYamlKey(text)) ?? '{}') as object), tags: { CostCenter: 'from-the-cache' } };
    cache.kept.set(parsedYamlKey(text), JSON.stringify(changed));
    const second = parseDefinition(text, 'a.yaml', environmentSchema, cache);
    expect(second.ok && second.value.tags).toEqual({ CostCenter: 'from-the-cache' });
    expect(first.ok && first.value.tags).toEqual({ CostCenter: 'cc-1' });
  });

  it('gives the same value and the same located problems from the cache as from the text', () => {
    const bad = toYaml({ ...validDefinition(), accountId: '1', desiredCount: undefined });
    const cache = memoryCache();
    const uncached = parseDefinition(bad, 'bad.yaml', environmentSchema);
    const cold = parseDefinition(bad, 'bad.yaml', environmentSchema, cache);
    const warm = parseDefinition(bad, 'bad.yaml', environmentSchema, cache);
    expect(cache.kept.size).toBe(1);
    for (const result of [cold, warm]) {
      expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual(uncached.ok ? [] : uncached.problems.map(formatProblem));
    }
    expect(uncached.ok ? [] : uncached.problems.map(formatProblem)).toContain('bad.yaml:3:12: accountId: "1" must be exactly 12 digits');
    expect(warm.locate(['accountId'])).toEqual(uncached.locate(['accountId']));
    const good = toYaml(validDefinition());
    parseDefinition(good, 'good.yaml', environmentSchema, cache);
    const fromCache = parseDefinition(good, 'good.yaml', environmentSchema, cache);
    expect(fromCache).toEqual({ ...parseDefinition(good, 'good.yaml', environmentSchema), locate: expect.any(Function) });
  });

  it('keeps no document with a YAML problem, and none whose data JSON would change', () => {
    const cache = memoryCache();
    const duplicate = parseDefinition('name: a\nname: b\n', 'dup.yaml', environmentSchema, cache);
    expect(duplicate.ok).toBe(false);
    for (const text of ['a: .inf\n', 'a: .nan\n', 'a: -0\n', 'base: &b { x: 1 }\nother: *b\n', '__proto__: { x: 1 }\n']) {
      parseDefinition(text, 'odd.yaml', { parse: (value) => value }, cache);
    }
    expect(cache.kept.size).toBe(0);
    expect(cache.reads).toHaveLength(6);
    parseDefinition('a: 1\nb: [x, null, true]\n', 'plain.yaml', { parse: (value) => value }, cache);
    expect(cache.kept.size).toBe(1);
  });

  it('keys by the text: another text, even one character, is another entry', () => {
    expect(parsedYamlKey('a: 1\n')).not.toBe(parsedYamlKey('a: 2\n'));
    expect(parsedYamlKey('a: 1\n')).toBe(parsedYamlKey('a: 1\n'));
  });
});
