import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findEnvironmentFiles, formatProblem, loadEnvironmentFile } from './load';
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
  const located = (file: string, change: Partial<EnvironmentDefinition>): LocatedEnvironment => ({
    file,
    definition: { ...(validDefinition() as unknown as EnvironmentDefinition), ...change },
  });
  const backend = { bucket: 'acme-tfstate-456789012345', lockTable: 'acme-tflock', region: 'eu-central-1' };

  it('requires environments of one account to share one state backend', () => {
    const problems = checkAcrossEnvironments([
      located('environments/prod/environment.yaml', {}),
      located('environments/perf/environment.yaml', { name: 'perf', stateBackend: { ...backend, lockTable: 'other-lock' } }),
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'environments/perf/environment.yaml: stateBackend.lockTable: "other-lock" differs from "acme-tflock" in environments/prod/environment.yaml; environments of account 456789012345 share one state backend',
    ]);
  });

  it('rejects one bucket name in two accounts', () => {
    const problems = checkAcrossEnvironments([
      located('environments/prod/environment.yaml', {}),
      located('environments/dev/environment.yaml', { name: 'dev', accountId: '210987654321' }),
    ]);
    expect(problems.map(formatProblem)).toEqual([
      'environments/dev/environment.yaml: stateBackend.bucket: "acme-tfstate-456789012345" is already the state bucket of account 456789012345 (environments/prod/environment.yaml); S3 bucket names are global',
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
